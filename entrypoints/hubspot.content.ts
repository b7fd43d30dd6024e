import { hubspotAdapter } from '../utils/hosts/hubspot';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: ['https://app.hubspot.com/*', 'https://app-eu1.hubspot.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, hubspotAdapter);
  },
});
