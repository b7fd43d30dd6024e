// Phone numbers in a signature, through libphonenumber-js (its `min` metadata: validation by
// length and leading digits, no number types; the kind comes from the label instead).
//
// Default country for national numbers, in order: the email's country-code TLD (.de → DE,
// .co.uk → GB; vanity TLDs like .io ignored), then phone labels that say the language
// ("Tél", "Portable" → French; "Handy", "Durchwahl" → German; "Móvil" → Spanish), then the page's
// language, then the browser's locale, else US. A language gives the region of the page
// language or locale when they share it (Handy + de-AT → AT), else its main country.
//
// Extensions are kept in a separate `extension` field; `e164` is the dialable number alone.
import { findPhoneNumbersInText, isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { accentedLabelHints, extensionWords, fold, letterLabels, phoneLabels, vanityTlds, type Language, type PhoneKind } from './labels';

export type { PhoneKind };
export interface Phone {
  /** E.164, without the extension: "+17138530380". */
  e164: string;
  /** Digits of the extension, if any ("239" for "713-853-0380 ext 239"). */
  extension?: string;
  kind: PhoneKind;
  /** The number as written, with its extension. */
  raw: string;
}
export interface FoundPhone {
  phone: Phone;
  line: number;
  start: number;
  end: number;
  confidence: number;
  labelled: boolean;
}
export interface CountryOptions {
  pageLanguage?: string;
  locale?: string;
}
export type CountrySource = 'email' | 'labels' | 'pageLanguage' | 'locale' | 'default';

const languageCountry: Record<Language, CountryCode> = { en: 'US', fr: 'FR', de: 'DE', es: 'ES', it: 'IT', nl: 'NL', pt: 'PT' };

const supported = (c: string | undefined): CountryCode | undefined => (c && isSupportedCountry(c.toUpperCase()) ? (c.toUpperCase() as CountryCode) : undefined);

/** The country of an email's country-code TLD: ".de" → DE, ".co.uk" → GB; none for .com or .io. */
export function countryFromEmail(email: string | undefined): CountryCode | undefined {
  const tld = email?.split('@')[1]?.toLowerCase().replace(/\.+$/, '').split('.').at(-1);
  if (!tld || tld.length !== 2 || vanityTlds.has(tld)) return undefined;
  return supported(tld === 'uk' ? 'GB' : tld);
}

function parseTag(tag: string | undefined): { language?: string; region?: string } {
  const m = /^([a-z]{2,3})(?:[-_][a-z]{4})?(?:[-_]([a-z]{2}))?(?:[-_]|$)/i.exec(tag?.trim() ?? '');
  return m ? { language: m[1]!.toLowerCase(), region: m[2]?.toUpperCase() } : {};
}

/** The main country of a language ("fr" → FR), none for English (a region is needed there). */
function mainCountry(language: string): CountryCode | undefined {
  if (language === 'en') return undefined;
  if (language in languageCountry) return languageCountry[language as Language];
  try {
    return supported(new Intl.Locale(language).maximize().region);
  } catch {
    return undefined;
  }
}

/** The country of a language tag: its region ("fr-CA" → CA), else the language's main country. */
function countryFromTag(tag: string | undefined, other: string | undefined): CountryCode | undefined {
  const { language, region } = parseTag(tag);
  if (!language) return undefined;
  const own = supported(region);
  if (own) return own;
  const o = parseTag(other);
  return (o.language === language ? supported(o.region) : undefined) ?? mainCountry(language);
}

const labelBeside = /^[\s.:\-–)\]]*[+(\d]/;
/** The language that the phone labels of a text are in ("Tél.", "Handy:", "Móvil"), if any. */
export function labelLanguage(text: string): Language | undefined {
  const votes = new Map<Language, number>();
  for (const m of text.matchAll(/\p{L}+(?: \p{L}+)?/gu)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    const before = text.slice(Math.max(0, m.index - 4), m.index);
    if (!labelBeside.test(after) && !/[\d)]\s*[([]?\s*$/.test(before)) continue;
    for (const w of [m[0], m[0].split(' ').at(-1)!]) {
      const lower = w.toLowerCase();
      const lang = accentedLabelHints[lower] ?? phoneLabels[fold(w)]?.lang;
      if (lang) {
        votes.set(lang, (votes.get(lang) ?? 0) + 1);
        break;
      }
    }
  }
  let best: Language | undefined;
  for (const [lang, n] of votes) if (!best || n > votes.get(best)!) best = lang;
  return best;
}

/** The default country for national numbers, and which clue gave it. */
export function defaultCountry(text: string, email: string | undefined, options: CountryOptions = {}): { country: CountryCode; source: CountrySource } {
  const fromEmail = countryFromEmail(email);
  if (fromEmail) return { country: fromEmail, source: 'email' };
  const lang = labelLanguage(text);
  if (lang) {
    const tags = [options.pageLanguage, options.locale].map(parseTag);
    const region = tags.map((t) => (t.language === lang ? supported(t.region) : undefined)).find(Boolean);
    return { country: region ?? languageCountry[lang], source: 'labels' };
  }
  const fromPage = countryFromTag(options.pageLanguage, options.locale);
  if (fromPage) return { country: fromPage, source: 'pageLanguage' };
  const fromLocale = countryFromTag(options.locale, undefined);
  if (fromLocale) return { country: fromLocale, source: 'locale' };
  return { country: 'US', source: 'default' };
}

// "(713) \n853-3849": a number cut by line wrapping (area code at the end of a line).
const danglingStart = /(?:\(\s*\d{2,5}\s*\)|\+\s?\d{1,3}(?:\s*\(0\))?(?:[\s.-]\d{1,4})?)[\s.-]*$/;
const wrappedRest = /^\s*\d{2,4}[\s.-]?\d{3,4}\b(?![\s.-]?\d)/;

/** Joins numbers that line wrapping cut in two: the rest moves up to the line with the area code. */
export function repairWrappedNumbers(lines: string[]): string[] {
  const out = [...lines];
  for (let i = 0; i + 1 < out.length; i++) {
    const line = out[i]!;
    const next = out[i + 1]!;
    const head = danglingStart.exec(line);
    const rest = wrappedRest.exec(next);
    if (!head || !rest) continue;
    // Not when the end of the line is already a whole number.
    if (findPhoneNumbersInText(line, { defaultCountry: 'US' }).some((m) => m.endsAt > head.index)) continue;
    out[i] = `${line.replace(/\s+$/, '')} ${rest[0].trim()}`;
    out[i + 1] = next.slice(rest[0].length);
  }
  return out;
}

const extensionAfter = new RegExp(`^\\s*[,;]?\\s*\\(?\\s*(?:${extensionWords}|x(?=[\\s.:-]*\\d))\\s*[.:\\-]?\\s*(\\d{1,6})\\)?(?!\\s*[-./]?\\s*\\d)`, 'i');
const shortAlternative = /^\s*\/\s*(\d{2,4})(?![\d\s.-]*\d)/;

interface Hit {
  e164: string;
  extension?: string;
  raw: string;
  start: number;
  end: number;
  plus: boolean;
  nsnLength: number;
}

function hitsInLine(line: string, country: CountryCode): Hit[] {
  // "+ 358 9 …" → " +358 9 …" (same length, so offsets hold).
  const text = line.replace(/\+(\s+)(\d)/g, '$1+$2');
  const hits: Hit[] = [];
  for (const m of findPhoneNumbersInText(text, { defaultCountry: country })) {
    let end = m.endsAt;
    let extension = m.number.ext;
    const ext = extensionAfter.exec(text.slice(end));
    if (!extension && ext) {
      extension = ext[1];
      end += ext[0].length;
    }
    const nsn = String(m.number.nationalNumber);
    const hit: Hit = { e164: m.number.number, extension, raw: line.slice(m.startsAt, end).trim(), start: m.startsAt, end, plus: /^\s*\+/.test(text.slice(m.startsAt)), nsnLength: nsn.length };
    hits.push(hit);
    // "(646) 836-2011/0609": a second number that differs in its last digits.
    const alt = shortAlternative.exec(text.slice(end));
    if (alt && !extension && alt[1]!.length < nsn.length) {
      const altNsn = nsn.slice(0, nsn.length - alt[1]!.length) + alt[1];
      const parsed = parsePhoneNumberFromString(`+${m.number.countryCallingCode}${altNsn}`);
      if (parsed?.isValid()) {
        const altEnd = end + alt[0].length;
        hits.push({ e164: parsed.number, raw: line.slice(m.startsAt, altEnd).trim(), start: end, end: altEnd, plus: hit.plus, nsnLength: altNsn.length });
      }
    }
  }
  return hits;
}

const kindOfWord = (w: string): PhoneKind | undefined => phoneLabels[fold(w)]?.kind;

/** Label words in a stretch of text, with their positions. One- and two-word labels. */
function labelsIn(gap: string): { kind: PhoneKind; start: number; end: number; letter: boolean }[] {
  const found: { kind: PhoneKind; start: number; end: number; letter: boolean }[] = [];
  const ws = [...gap.matchAll(/\p{L}+/gu)];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const next = ws[i + 1];
    const two = next && /^\s+$/.test(gap.slice(w.index + w[0].length, next.index)) ? kindOfWord(`${w[0]} ${next[0]}`) : undefined;
    if (two && next) {
      found.push({ kind: two, start: w.index, end: next.index + next[0].length, letter: false });
      i++;
      continue;
    }
    const k = w[0].length === 1 ? letterLabels[w[0].toLowerCase()] : kindOfWord(w[0]);
    if (k) found.push({ kind: k, start: w.index, end: w.index + w[0].length, letter: w[0].length === 1 });
  }
  return found;
}

/** The label just before a number: the last in the gap, the first of a run like "Tel/Fax". */
function labelBefore(gap: string): PhoneKind | undefined {
  const ls = labelsIn(gap).filter((l) => !l.letter || /^[\s.:\-–)\]]*$/.test(gap.slice(l.end)));
  if (!ls.length) return undefined;
  let i = ls.length - 1;
  while (i > 0 && /^[\s/&+,.:-]*$/.test(gap.slice(ls[i - 1]!.end, ls[i]!.start))) i--;
  return ls[i]!.kind;
}

/** The label just after a number: "713-853-6577 Office", "(713) 646-3490 (fax)". */
function labelAfter(gap: string): PhoneKind | undefined {
  const l = labelsIn(gap)[0];
  if (!l) return undefined;
  if (l.letter && !/^[\s.:(\-–]*$/.test(gap.slice(0, l.start))) return undefined;
  // Only right after the number, not a label for the next one further along the line.
  return /^[\s.:,()[\]\-–]*$/.test(gap.slice(0, l.start)) ? l.kind : undefined;
}

const labelOnlyLine = (line: string) => {
  const t = line.trim().replace(/[\s.:\-–]+$/, '');
  return t.length > 0 && t.length < 30 && /^\p{L}/u.test(t) && labelsIn(t).length > 0 && !/\d/.test(t) && labelsIn(t).every((l) => !l.letter) ? labelBefore(t) : undefined;
};

/**
 * The phone numbers in the lines, in order, each with its kind from its label (before it, as in
 * "Tel: …", or after it, as in "… (fax)"), a number written as "713-853-0380 / 713-412-3667"
 * giving two. `skipLine` marks lines (postal addresses) where an unlabelled national number is
 * more likely a postcode or street number.
 */
export function findPhones(lines: string[], country: CountryCode, skipLine: (i: number) => boolean = () => false): FoundPhone[] {
  const out: FoundPhone[] = [];
  const seen = new Map<string, FoundPhone>();
  lines.forEach((line, i) => {
    if ((line.match(/\d/g) ?? []).length < 6) return;
    const hits = hitsInLine(line, country).filter((h) => h.nsnLength >= 6);
    if (!hits.length) return;
    const firstPrefix = labelBefore(line.slice(0, hits[0]!.start));
    const prefixStyle = firstPrefix !== undefined;
    let inherited: PhoneKind | undefined;
    const lineAbove = i > 0 ? labelOnlyLine(lines[i - 1]!) : undefined;
    hits.forEach((h, k) => {
      const prevEnd = k > 0 ? hits[k - 1]!.end : 0;
      const nextStart = k + 1 < hits.length ? hits[k + 1]!.start : line.length;
      let kind: PhoneKind | undefined;
      if (prefixStyle) kind = labelBefore(line.slice(prevEnd, h.start)) ?? inherited;
      else kind = labelAfter(line.slice(h.end, nextStart));
      if (!kind && k === 0) kind = lineAbove;
      inherited = kind;
      const labelled = kind !== undefined;
      if (!labelled && !h.plus && skipLine(i)) return;
      const key = `${h.e164};${h.extension ?? ''}`;
      const known = seen.get(key);
      if (known) {
        if (known.phone.kind === 'other' && kind) known.phone.kind = kind;
        return;
      }
      const formatted = h.plus || /[\s().\-/]/.test(h.raw);
      const found: FoundPhone = {
        phone: { e164: h.e164, ...(h.extension ? { extension: h.extension } : {}), kind: kind ?? 'other', raw: h.raw },
        line: i,
        start: h.start,
        end: h.end,
        confidence: labelled ? 0.95 : formatted ? 0.85 : 0.7,
        labelled,
      };
      seen.set(key, found);
      out.push(found);
    });
  });
  return out;
}

/** A number as E.164 (extension dropped), or undefined; for comparing with labelled data. */
export function toE164(raw: string, country: CountryCode): string | undefined {
  const p = parsePhoneNumberFromString(raw.replace(/\+\s+(?=\d)/g, '+').replace(/\s+/g, ' '), country);
  return p?.number;
}
