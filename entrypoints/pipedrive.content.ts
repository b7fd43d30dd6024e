import { pipedriveAdapter } from '../utils/hosts/pipedrive';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: matchesOf('pipedrive'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, pipedriveAdapter);
  },
});
