import { runHost } from '../utils/hosts/runtime';
import { salesforceAdapter } from '../utils/hosts/salesforce';

export default defineContentScript({
  matches: ['https://*.lightning.force.com/*', 'https://*.my.salesforce.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, salesforceAdapter);
  },
});
