import { dynamicsAdapter } from '../utils/hosts/dynamics';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

export default defineContentScript({
  matches: matchesOf('dynamics'),
  runAt: 'document_idle',
  main(ctx) {
    runHost(ctx, dynamicsAdapter);
  },
});
