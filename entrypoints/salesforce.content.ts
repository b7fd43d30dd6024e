import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';
import { salesforceAdapter } from '../utils/hosts/salesforce';

export default defineContentScript({
  matches: matchesOf('salesforce'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, salesforceAdapter);
  },
});
