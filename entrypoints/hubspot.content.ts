import { hubspotAdapter } from '../utils/hosts/hubspot';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: matchesOf('hubspot'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, hubspotAdapter);
  },
});
