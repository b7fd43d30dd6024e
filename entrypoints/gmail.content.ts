import { gmailAdapter } from '../utils/hosts/gmail';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: matchesOf('gmail'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, gmailAdapter);
  },
});
