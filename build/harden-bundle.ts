import type { Plugin } from 'vite';

/**
 * Tandem's extension pages never evaluate strings as code or parse strings as HTML: MV3's
 * CSP forbids the first, DESIGN.md rule 2 the second, and Firefox's add-on linter flags
 * both. Two libraries carry such code paths that Tandem never takes; this plugin takes them
 * out of the bundle so that the linter (and a reviewer) can see they are gone:
 *
 * - zod's JIT compiles parsers with `new Function`; Tandem runs zod jitless
 *   (`utils/model/common.ts`), so the probe and the compiler get no Function constructor;
 * - react-dom's `dangerouslySetInnerHTML` assigns `innerHTML`; Tandem never uses it (an
 *   ESLint rule forbids it), so here it throws instead.
 *
 * A pattern that no longer matches after a library upgrade fails the build, rather than
 * silently letting the code back in.
 */
const rewrites: { file: RegExp; find: string | RegExp; replace: string; count: number }[] = [
  { file: /zod\/v4\/core\/util\.js$/, find: 'const F = Function;', replace: 'const F = undefined;', count: 1 },
  { file: /zod\/v4\/core\/doc\.js$/, find: 'const F = Function;', replace: 'const F = undefined;', count: 1 },
  {
    file: /react-dom\/cjs\/react-dom-client\.production\.js$/,
    find: /\(domElement\.innerHTML = key\)/g,
    replace: '(() => { throw Error("Tandem does not render HTML from strings"); })()',
    count: 2,
  },
];

export function hardenBundle(): Plugin {
  return {
    name: 'tandem:harden-bundle',
    enforce: 'pre',
    transform(code, id) {
      let out = code;
      for (const rewrite of rewrites.filter((r) => r.file.test(id.replaceAll('\\', '/')))) {
        const found = typeof rewrite.find === 'string' ? out.split(rewrite.find).length - 1 : (out.match(rewrite.find) ?? []).length;
        if (found !== rewrite.count) {
          this.error(`harden-bundle: expected ${rewrite.count} of ${String(rewrite.find)} in ${id}, found ${found}. Check the library upgrade.`);
        }
        out = out.replaceAll(rewrite.find, rewrite.replace);
      }
      return out === code ? null : { code: out, map: null };
    },
  };
}
