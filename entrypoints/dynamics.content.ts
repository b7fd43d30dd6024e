import { dynamicsAdapter } from '../utils/hosts/dynamics';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: ['https://*.dynamics.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, dynamicsAdapter);
  },
});
