import { zohoAdapter } from '../utils/hosts/zoho';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: matchesOf('zoho'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, zohoAdapter);
  },
});
