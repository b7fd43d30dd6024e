import { RE2JS, RE2JSException, RE2JSSyntaxException } from 're2js';

/**
 * The engine behind `matches` criteria: Marketing writes a pattern in the definition editor,
 * and every install and the server test contact text with it. JavaScript's own RegExp
 * backtracks, so a pattern such as `^(\w+\s?)+$` could freeze the sidebar for seconds on a
 * 30-character title (issue 16). RE2 (here its pure-JavaScript port, re2js: no WebAssembly,
 * no eval, plain Node on the server) takes time linear in the text whatever the pattern, at
 * the price of look-arounds and back-references, which it does not have.
 */

/** A criterion's pattern, ready to test contact text with. */
export interface Pattern {
  /** Whether the pattern is found anywhere in `text`, ignoring case. */
  test(text: string): boolean;
}

/** A compiled pattern, or what is wrong with it in words Marketing can act on. */
export type CompiledPattern = Pattern | { error: string };

/** The longest pattern Tandem accepts: the criterion schema's cap on any value. */
export const patternMaxLength = 300;

export const tooLongMessage = `A pattern can be at most ${patternMaxLength} characters.`;
export const lookaroundMessage =
  "Tandem's patterns can't use look-ahead, look-behind or back-references (\\1); write the alternatives out instead, e.g. (head|director) of.";
export const unicodeEscapeMessage = 'Write a character by its code as \\x{00E9}, not \\u00E9.';
export const repeatMessage = 'A repeat count can be at most 1000, counting repeats inside repeats: use + or * for "one or more" or "any number".';
export const invalidMessage = 'This is not a valid pattern.';

/**
 * Web pages put no-break and other Unicode spaces where a person sees a space. JavaScript's
 * `\s` matched them and RE2's does not, so they are read as plain spaces: a pattern written
 * before keeps matching "VP\u00a0Sales" with `vp\s+sales`, and one written with a space does too.
 */
const otherSpaces = /[\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/** The same definition is evaluated for every contact in view: compile each pattern once. */
const compiled = new Map<string, CompiledPattern>();
const cacheSize = 500;

/** Compiles a criterion's pattern (case-insensitive), or says in words why Tandem cannot run it. */
export function compilePattern(source: string): CompiledPattern {
  const known = compiled.get(source);
  if (known) return known;
  const result = compile(source);
  if (compiled.size >= cacheSize) compiled.delete(compiled.keys().next().value as string);
  compiled.set(source, result);
  return result;
}

/** What is wrong with a pattern, in words, or null when Tandem can run it. */
export function patternProblem(source: string): string | null {
  const result = compilePattern(source);
  return 'error' in result ? result.error : null;
}

function compile(source: string): CompiledPattern {
  if (source.length > patternMaxLength) return { error: tooLongMessage };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source, RE2JS.CASE_INSENSITIVE);
  } catch (error) {
    if (error instanceof RE2JSException) return { error: inWords(error) };
    throw error;
  }
  return { test: (text) => re.test(text.replace(otherSpaces, ' ')) };
}

/** RE2's complaint about a pattern as a sentence that says what to change. */
function inWords(error: RE2JSException): string {
  if (!(error instanceof RE2JSSyntaxException)) return invalidMessage;
  const what = error.error;
  const where = error.input ?? '';
  // `(?=x)` and `(?!x)` are "unsupported Perl syntax"; `(?<=x)` and `(?<!x)` read to RE2 as a
  // named group gone wrong; `\1` and `\k<name>` as unknown escapes.
  if (/^\(\?(?:[=!]|<[=!])/.test(where)) return lookaroundMessage;
  if (what === 'invalid escape sequence' && /^\\(?:[1-9]|k)/.test(where)) return lookaroundMessage;
  if (what === 'invalid escape sequence' && /^\\u/.test(where)) return unicodeEscapeMessage;
  if (what === 'invalid repeat count' || what === 'expression too large') return repeatMessage;
  return invalidMessage;
}
