import { pipedriveAdapter } from '../utils/hosts/pipedrive';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: ['https://*.pipedrive.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, pipedriveAdapter);
  },
});
