import { zohoAdapter } from '../utils/hosts/zoho';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: ['https://crm.zoho.com/*', 'https://crm.zoho.eu/*', 'https://crm.zoho.in/*', 'https://crm.zoho.com.au/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, zohoAdapter);
  },
});
