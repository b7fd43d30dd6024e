import { gmailAdapter } from '../utils/hosts/gmail';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, gmailAdapter);
  },
});
