import { apptivoAdapter } from '../utils/hosts/apptivo';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: matchesOf('apptivo'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, apptivoAdapter);
  },
});
