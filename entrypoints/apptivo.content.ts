import { apptivoAdapter } from '../utils/hosts/apptivo';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: ['https://app.apptivo.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, apptivoAdapter);
  },
});
