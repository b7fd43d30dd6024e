import { genericAdapter } from '../utils/hosts/generic';
import { runHost } from '../utils/hosts/runtime';

// Registered at run time, one registration per host a person adds (utils/hosts/added.ts).
export default defineContentScript({
  matches: [],
  registration: 'runtime',
  main(ctx) {
    runHost(ctx, genericAdapter);
  },
});
