// What one short line of a signature is: a person's name, a job title, a company (or one of
// its departments), a business function, or none of these. Pure functions over the line's
// text (contacts and labels already removed); parse.ts decides among the lines.
import {
  contactLabelWords,
  credentials,
  deptWords,
  fold,
  foldedWords,
  functionWords,
  honorifics,
  legalFormsCi,
  legalFormsCs,
  nameParticles,
  orgWords,
  phoneLabels,
  roleModifiers,
  roleSuffixes,
  roleWords,
  stopWords,
} from './labels';

const words = (s: string) => s.split(/\s+/).filter(Boolean);
const letters = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, '');

/** A sentence rather than a signature line: several lower-case words that are not particles. */
export function isProse(text: string): boolean {
  const ws = words(text);
  const lower = ws.filter((w) => /^\p{Ll}/u.test(w) && !stopWords.has(fold(w).replace(/[^\p{L}']/gu, '')));
  if (lower.length >= 3 || (ws.length >= 9 && lower.length >= 2) || ws.length > 14) return true;
  // A sentence: "Let's meet at 3pm." (not "Enron Corp." or "Mark D.").
  const last = fold(ws.at(-1) ?? '').replace(/[.!?]+$/, '');
  return lower.length >= 1 && ws.length >= 3 && (/[!?]$/.test(text.trim()) || (/\.$/.test(text.trim()) && last.length > 1 && !abbreviations.has(last)));
}
const abbreviations = new Set('inc corp co ltd dept st jr sr llc plc bros assn univ intl mgr dir asst assoc govt div ave rd blvd ste no tel ext'.split(' '));

/** Whether a piece is only a legal form: "LLC", "Inc.", "S.A. de C.V.". */
export function isLegalFormOnly(piece: string): boolean {
  let rest = ` ${piece} `;
  for (let k = 0; k < 3; k++) rest = rest.replace(legalFormsCi, ' ').replace(legalFormsCs, ' ');
  return hasLegalForm(piece) && !/\p{L}{2}/u.test(rest.replace(/\b(?:de|&)\b/g, ''));
}

/** Whether a folded word is a role ("director", "Vertriebsleiter", "CEO"). */
export function isRoleWord(w: string): boolean {
  return roleWords.has(w) || (w.length > 7 && roleSuffixes.test(w));
}

/** Role words in a line: a job title has at least one. */
export function roleInfo(text: string): { roles: number; first: boolean } {
  const ws = foldedWords(text);
  let roles = 0;
  for (const w of ws) if (isRoleWord(w)) roles++;
  // "Head of …" and "Vice President" are roles without a listed noun after them.
  if (/\b(head|vice|chef|jefe|jefa|leiter|leiterin) (of|de|du|des|der|president|presidente|presidenta)\b/.test(ws.join(' '))) roles++;
  const first = ws.length > 0 && (isRoleWord(ws[0]!) || (roleModifiers.has(ws[0]!) && ws.slice(1, 3).some(isRoleWord)));
  return { roles, first };
}

export function hasLegalForm(text: string): boolean {
  return legalFormsCi.test(text) || legalFormsCs.test(text);
}

/** Whether the line names the email's domain ("ExxonMobil Exploration" for exxonmobil.com). */
export function matchesDomain(text: string, sld: string | undefined): boolean {
  if (!sld || sld.length < 3) return false;
  const all = letters(text);
  if (!all) return false;
  if (all === sld) return true;
  const first = letters(words(text)[0] ?? '');
  if (first.length >= 3 && (first === sld || (first.length >= 4 && sld.startsWith(first)))) return true;
  // Initials: "International Business Machines" → ibm.
  const initials = foldedWords(text)
    .filter((w) => !stopWords.has(w))
    .map((w) => w[0])
    .join('');
  return initials.length >= 3 && initials === sld;
}

/**
 * How strongly a line names an organisation: 3 a legal form (Inc, GmbH, S.A.), 2.5 the email's
 * domain, 2 an organisation word (Group, Partners, University), 1 a department word (Dept,
 * Division, Desk), 0 none.
 */
export function orgScore(text: string, sld?: string): number {
  if (hasLegalForm(text)) return 3;
  if (matchesDomain(text, sld)) return 2.5;
  const ws = foldedWords(text);
  if (ws.some((w) => orgWords.has(w))) return 2;
  if (ws.some((w) => deptWords.has(w))) return 1;
  return 0;
}

/** A line of only business functions and regions ("Capital Markets", "Sales EMEA"); "Legal Department" is a department. */
export function isFunctionOnly(text: string): boolean {
  const ws = foldedWords(text).filter((w) => !stopWords.has(w));
  return ws.length > 0 && ws.every((w) => functionWords.has(w));
}

// Capitalised words of taglines and notices, never in a name.
const notNameWords = new Set(
  'happy holidays holiday thank thanks please note notice confidential visit follow click download join welcome hello team office new year season greetings merry christmas news newsletter update our your my we us leadership speakers speaker contact about board directors meet staff people agenda'.split(' '),
);
// Function words that are also common surnames ("Adam West").
const surnames = new Set(['west', 'north', 'south', 'east']);
const nameToken = /^(?:\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.(?:-?\p{Lu}\.)*)$/u;

/**
 * The name in a line that looks like a person's name ("Mark D. Guinney, CFA" → "Mark D.
 * Guinney"), or undefined. 1–5 capitalised words or initials, with particles (van, de, del);
 * no digits, no role, organisation, department or function word. `single` allows one word.
 */
export function nameIn(text: string, single = false): string | undefined {
  // A nickname in brackets or quotes is not part of the name: "Susan (Sue) Mara".
  let s = text
    .replace(/\s*(?:\([^()]{1,20}\)|"[^"]{1,20}"|“[^”]{1,20}”)\s*/g, ' ')
    .trim()
    .replace(honorifics, '');
  // Credentials after a comma or at the end: ", CFA", " PhD".
  const parts = s.split(/\s*,\s*/);
  while (parts.length > 1 && parts.at(-1)!.split(/\s+/).every((w) => credentials.has(fold(w).replace(/\.$/, '')))) parts.pop();
  s = parts.join(', ');
  if (parts.length > 1) return undefined;
  let ws = words(s);
  while (ws.length > 1 && credentials.has(fold(ws.at(-1)!).replace(/\.$/, ''))) ws = ws.slice(0, -1);
  if (ws.length === 0 || ws.length > 5) return undefined;
  if (/[\d@&:/|()[\]<>+=_#*!?"]/.test(s)) return undefined;
  let real = 0;
  for (const w of ws) {
    const f = fold(w).replace(/[.’']/g, '');
    if (nameParticles.has(fold(w)) || /^\p{Lu}\.?$/u.test(w)) continue;
    if (!nameToken.test(w)) return undefined;
    if (isRoleWord(f) || orgWords.has(f) || deptWords.has(f) || (functionWords.has(f) && !surnames.has(f)) || stopWords.has(f) || notNameWords.has(f) || phoneLabels[f] || contactLabelWords.has(f)) return undefined;
    if (f.length >= 2) real++;
  }
  // All capitals is a name only when short ("JOHN SMITH"), not an acronym soup.
  if (ws.every((w) => w === w.toUpperCase()) && (ws.length > 3 || ws.some((w) => w.replace(/\W/g, '').length <= 2 && !w.endsWith('.')))) return undefined;
  if (real >= 2 || (single && real === 1 && ws.length === 1)) return ws.join(' ');
  return undefined;
}

/** Whether the folded words of a name appear in an email's local part ("dperlin" ~ "Debra Perlingiere"). */
export function nameMatchesEmail(name: string, local: string | undefined): boolean {
  if (!local) return false;
  // "Müller" is written "mueller" in addresses as often as "muller".
  const german = name.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue');
  if (german !== name && nameMatchesEmail(german, local)) return true;
  const l = fold(local).replace(/[^a-z]/g, '');
  const ws = foldedWords(name)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter((w) => w.length >= 2 && !nameParticles.has(w));
  if (!ws.length || !l) return false;
  if (ws.some((w) => w.length >= 3 && l.includes(w))) return true;
  const first = ws[0]!;
  const last = ws.at(-1)!;
  const pre = (w: string, n: number) => w.slice(0, Math.min(w.length, n));
  // jsmith, smithj, johns, john.s
  return (
    (ws.length > 1 && l.startsWith(first[0]! + pre(last, 4))) ||
    (ws.length > 1 && l.startsWith(pre(last, 4)) && l.length <= last.length + 2) ||
    (first.length >= 3 && l.startsWith(first))
  );
}
