import { genericAdapter } from '../utils/hosts/generic';
import { matchesOf } from '../utils/hosts/list';
import { runHost } from '../utils/hosts/runtime';

// Registered at run time, one registration per host a person adds (utils/hosts/added.ts).
export default defineContentScript({
  matches: matchesOf('generic'),
  registration: 'runtime',
  main(ctx) {
    runHost(ctx, genericAdapter);
  },
});
