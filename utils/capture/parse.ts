// Contact text → lead. A selection from an email signature, a conference site or a team page
// becomes name, title, company, email, phones, website, LinkedIn and address, each with a
// confidence in [0, 1]. Heuristic and multilingual (English, French, German, Spanish):
//   - furniture.ts drops quoted replies, reply headers, attributions, footers, disclaimers,
//     register lines, greetings and valedictions (the name usually follows a valediction), and
//     cuts a pasted thread into messages: the newest with a name, email or phone is the lead;
//   - links.ts finds emails, websites and LinkedIn profiles;
//   - phones.ts finds numbers with libphonenumber-js (min metadata), labels them (work, mobile,
//     fax, other) and picks the default country (email TLD, label language, page language,
//     locale, US). The extension is a separate field: `e164` is always plain E.164;
//   - address.ts, classify.ts and lines.ts say what each remaining line (or piece of a line) is;
//     this file decides among them.
// Multi-line values are joined with ", ": an address, and a company with the department lines
// next to it ("Enron North America Corp., Legal Department"). Confidence: about 0.9 for what a
// label or a legal form says, 0.7–0.8 for what the layout says, below 0.5 for guesses (the
// company from the email's domain, a function line standing for the title).
import { addressScore } from './address';
import { matchesDomain, nameIn, nameMatchesEmail } from './classify';
import { cleanSelection, type CleanLine } from './furniture';
import { contactLabelWords, foldedWords, freeMailDomains, letterLabels, phoneLabels } from './labels';
import { capitalisedShort, classifyLine, type Part } from './lines';
import { companyFromDomain, deobfuscate, findLinks, normaliseLinkedin, pickWebsite, sldOf, type Located } from './links';
import { defaultCountry, findPhones, repairWrappedNumbers, type Phone, type PhoneKind } from './phones';

export type { Phone, PhoneKind };
/** A value and how sure the parser is of it, in [0, 1]. */
export interface Field<T> {
  value: T;
  confidence: number;
}
/** What the parser found in a selection. Phones keep their extension apart from `e164`. */
export interface ParsedLead {
  name?: Field<string>;
  title?: Field<string>;
  company?: Field<string>;
  email?: Field<string>;
  phones: Field<Phone>[];
  website?: Field<string>;
  linkedin?: Field<string>;
  address?: Field<string>;
}
export interface ParseOptions {
  /** The page's language (`<html lang>`), e.g. 'fr-FR': a hint for national phone numbers. */
  pageLanguage?: string;
  /** The browser's locale, e.g. 'en-GB': the last hint before US. */
  locale?: string;
}

interface Segment {
  text: string;
  line: number;
  para: number;
  order: number;
  afterValediction: boolean;
  whole: boolean;
  parts: Part[];
}

/** Longer lines are prose (a pasted paragraph): only their emails, phones and links count. */
const maxLineChars = 200;
const clamp = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

// Labels at the edge of a line that held a contact value: "tel:", "(Office)", "E-Mail:", "Ph.".
const edgeLabelWords = [...Object.keys(phoneLabels), ...contactLabelWords, ...Object.keys(letterLabels)]
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
  .join('|');
const leadingLabel = new RegExp(`^[\\s\\-–:.,;()[\\]/|]*(?:${edgeLabelWords})(?![\\p{L}])[\\s.:\\-–/()]*`, 'iu');
const trailingLabel = new RegExp(`[\\s\\-–:,;([/|]*(?<![\\p{L}])(?:${edgeLabelWords})\\.?[\\s.:\\-–/()]*$`, 'iu');

function stripEdgeLabels(s: string): string {
  let out = s;
  for (let k = 0; k < 4; k++) {
    const next = out.replace(leadingLabel, '').replace(trailingLabel, '');
    if (next === out) break;
    out = next;
  }
  return out.replace(/^[\s\-–:,;|/]+|[\s\-–:,;|/]+$/g, '').replace(/\(\s*\)/g, '').trim();
}

function parseChunk(chunk: CleanLine[], options: ParseOptions): ParsedLead {
  const lines = repairWrappedNumbers(chunk.map((l) => deobfuscate(l.text)));

  // Emails, LinkedIn, websites: anywhere in the chunk.
  const { emails, linkedins, sites } = findLinks(lines);
  const locals = emails.map((e) => e.value.split('@')[0]);
  const sld = emails.map((e) => sldOf(e.value.split('@')[1])).find((d) => d && !freeMailDomains.has(d));

  // Addresses decide which unlabelled numbers are postcodes rather than phones.
  const strip = (line: string, spans: Located[]) => {
    let out = line;
    for (const s of spans) out = out.slice(0, s.start) + '\uE000'.repeat(s.end - s.start) + out.slice(s.end);
    return out;
  };
  const spansByLine = (i: number, extra: Located[] = []) => [...emails, ...linkedins, ...sites, ...extra].filter((s) => s.line === i);
  const noContacts = lines.map((l, i) => strip(l, spansByLine(i)));
  const addressLine = noContacts.map((l) => l.length <= maxLineChars && addressScore(l.replace(/\uE000+/g, ' ')) >= 2);

  const chosenEmailGuess = emails[0]?.value;
  const { country } = defaultCountry(lines.join('\n'), chosenEmailGuess, options);
  const found = findPhones(lines, country, (i) => addressLine[i] ?? false);

  // Segments: what is left of each line once contacts are out, split at columns and bars.
  const segments: Segment[] = [];
  let order = 0;
  lines.forEach((line, i) => {
    const phoneSpans: Located[] = found.filter((f) => f.line === i).map((f) => ({ value: f.phone.raw, line: i, start: f.start, end: f.end }));
    const rest = strip(line, spansByLine(i, phoneSpans));
    const cols = rest.split(/\t+| {4,}/);
    cols.forEach((col, c) => {
      const hadContact = col.includes('\uE000');
      let text = col.replace(/\uE000+/g, ' ').replace(/\s+/g, ' ').trim();
      if (hadContact) text = stripEdgeLabels(text);
      else text = text.replace(/^[\s\-–:,;|*•·]+|[\s\-–:,;|*]+$/g, '');
      if (!/\p{L}.*\p{L}/u.test(text) || text.length > maxLineChars) return;
      if (!hadContact && stripEdgeLabels(text) === '') return; // a lone label ("Email:")
      const parts = classifyLine(text, sld, locals.find((l) => l) ?? undefined);
      if (!parts.length) return;
      segments.push({ text, line: i, para: chunk[i]!.para, order: order++, afterValediction: chunk[i]!.afterValediction && c === 0, whole: parts.length === 1, parts });
    });
  });

  const lead: ParsedLead = { phones: [] };
  const allParts = segments.flatMap((s) => s.parts.map((p) => ({ seg: s, part: p })));
  const firstTitleOrCompany = allParts.find((x) => x.part.kind === 'title' || x.part.kind === 'company' || x.part.kind === 'address')?.seg.order ?? Infinity;

  // Name: the first name-like line, best near the top or right after a valediction, better
  // still when the email's local part spells it.
  let best: { name: string; score: number; seg: Segment } | undefined;
  for (const seg of segments) {
    const single = seg.parts.length === 1 && seg.parts[0]!.kind !== 'address' && seg.parts[0]!.kind !== 'title' ? nameIn(seg.text, true) : undefined;
    const candidates = seg.parts.filter((p) => p.kind === 'name').map((p) => p.text);
    if (!candidates.length && single) candidates.push(single);
    for (const name of candidates) {
      const emailMatch = locals.some((l) => nameMatchesEmail(name, l));
      const oneWord = !/\s/.test(name);
      if (oneWord && !emailMatch && !seg.afterValediction) continue;
      let score = oneWord ? 0.45 : 0.6;
      if (emailMatch) score += 0.25;
      if (seg.order === 0 || seg.afterValediction) score += 0.15;
      if (seg.parts.some((p) => p.kind === 'name' && p.explicit)) score += 0.3;
      const next = allParts.find((x) => x.seg.order > seg.order);
      if (next && (next.part.kind === 'title' || next.part.kind === 'company')) score += 0.05;
      if (seg.order > firstTitleOrCompany && !emailMatch) score -= 0.35;
      if (!best || score > best.score + 1e-9) best = { name, score, seg };
    }
  }
  if (best && best.score >= 0.5) lead.name = { value: best.name, confidence: clamp(Math.min(best.score, 0.97)) };
  const nameSeg = lead.name ? best!.seg : undefined;

  // Email: the one that spells the name, else the first.
  const email = (lead.name && emails.find((e) => nameMatchesEmail(lead.name!.value, e.value.split('@')[0]))) ?? emails[0];
  if (email) lead.email = { value: email.value, confidence: lead.name && nameMatchesEmail(lead.name.value, email.value.split('@')[0]) ? 0.98 : 0.9 };

  // Phones: in the order written, with the default country of the chosen email.
  const phones = email?.value !== chosenEmailGuess ? findPhones(lines, defaultCountry(lines.join('\n'), email?.value, options).country, (i) => addressLine[i] ?? false) : found;
  lead.phones = phones.map((f) => ({ value: f.phone, confidence: f.confidence }));

  // Title: the first after the name (or anywhere when there is no name).
  const near = (seg: Segment) => !nameSeg || seg.order >= nameSeg.order;
  const titles = allParts.filter((x) => x.part.kind === 'title');
  const title = titles.find((x) => near(x.seg)) ?? titles[0];
  if (title) lead.title = { value: title.part.text, confidence: clamp(title.part.explicit ? 0.9 : title.part.score >= 1 ? 0.8 : 0.7) };
  else {
    // Departments and functions stand for the title when there is none ("Trading Support").
    const fn = allParts.find((x) => x.part.kind === 'function' && x.seg.whole && (!nameSeg || (x.seg.order > nameSeg.order && x.seg.order <= nameSeg.order + 2)));
    if (fn) lead.title = { value: fn.part.text, confidence: 0.45 };
  }

  // Company: the strongest organisation line, with the department lines next to it.
  const companies = allParts.filter((x) => x.part.kind === 'company');
  let company: (typeof companies)[number] | undefined;
  for (const c of companies) {
    const score = c.part.score + (nameSeg && c.seg.para === nameSeg.para ? 0.3 : 0);
    const bestScore = company ? company.part.score + (nameSeg && company.seg.para === nameSeg.para ? 0.3 : 0) : -1;
    if (score > bestScore) company = c;
  }
  if (company) {
    let value = company.part.text;
    let confidence = company.part.explicit ? 0.9 : company.part.score >= 3 ? 0.85 : company.part.score >= 2 ? 0.75 : 0.55;
    if (company.seg.whole) {
      // Adjacent organisation and department lines are one block ("Legal Department" under
      // "Enron North America Corp.").
      // A department line also takes the plain line above it ("Enron Americas" over "Legal Department").
      const block = [company.seg];
      const plainAbove = company.part.score <= 1;
      const adjacent = (line: number) =>
        segments.find(
          (s) =>
            s.line === line &&
            s.whole &&
            s.para === company!.seg.para &&
            s !== nameSeg &&
            ((s.parts[0]!.kind === 'company' && s.parts[0]!.score >= 1) ||
              (plainAbove && line < company!.seg.line && (s.parts[0]!.kind === 'other' || s.parts[0]!.kind === 'name') && capitalisedShort(s.text))),
        );
      for (let l = company.seg.line - 1, s = adjacent(l); s && block.length < 3; s = adjacent(--l)) block.unshift(s);
      for (let l = company.seg.line + 1, s = adjacent(l); s && block.length < 3; s = adjacent(++l)) block.push(s);
      if (block.length > 1) {
        value = block.map((s) => s.parts[0]!.text.replace(/[,;]\s*$/, '')).join(', ');
        confidence -= 0.1;
      }
    }
    lead.company = { value, confidence: clamp(confidence) };
  } else if (nameSeg) {
    // The line right after the name (and its title) is usually the company.
    const after = segments.filter((s) => s.order > nameSeg.order && s.order <= nameSeg.order + 3 && s.para === nameSeg.para && valueWords(s.text) !== valueWords(lead.name!.value));
    const next = after.find((s) => !s.parts.some((p) => p.kind === 'title'));
    const k = next?.parts[0];
    if (next && next.whole && k && (k.kind === 'other' || k.kind === 'name') && !/\d/.test(next.text) && next.text.split(/\s+/).length <= 6 && next.line <= nameSeg.line + 3) {
      lead.company = { value: next.text, confidence: matchesDomain(next.text, sld) ? 0.7 : 0.45 };
    }
  }
  if (!lead.company && email) {
    const guess = companyFromDomain(email.value.split('@')[1]!);
    if (guess) lead.company = { value: guess, confidence: 0.3 };
  }

  // Address: the first run of address lines with at least one street, box or postcode line.
  const addressSegs = segments.filter((s) => s.parts.some((p) => p.kind === 'address'));
  const groups: Segment[][] = [];
  for (const s of addressSegs) {
    const g = groups.at(-1);
    const prev = g?.at(-1);
    if (g && prev && prev.para === s.para && s.line - prev.line <= 1) g.push(s);
    else groups.push([s]);
  }
  const group = groups.find((g) => g.some((s) => s.parts.some((p) => p.kind === 'address' && p.score >= 2)));
  if (group) {
    const texts = group.flatMap((s) => s.parts.filter((p) => p.kind === 'address').map((p) => p.text.replace(/[,;]\s*$/, '')));
    lead.address = { value: texts.join(', '), confidence: texts.length > 1 ? 0.8 : 0.65 };
  }

  const linkedin = linkedins.map((l) => normaliseLinkedin(l.value)).find(Boolean);
  if (linkedin) lead.linkedin = { value: linkedin, confidence: 0.95 };
  const site = pickWebsite(sites, sld);
  if (site) lead.website = { value: site.value, confidence: site.onEmailDomain ? 0.9 : 0.75 };

  return lead;
}

const hasAny = (lead: ParsedLead) => Object.entries(lead).some(([k, v]) => (k === 'phones' ? (v as unknown[]).length > 0 : v !== undefined));

/**
 * Parses a selection of contact text into a lead. Of a pasted thread, the newest message with
 * a name, an email or a phone wins; quoted replies, reply headers, disclaimers and the like
 * never become a lead.
 */
export function parseContactText(text: string, options: ParseOptions = {}): ParsedLead {
  let fallback: ParsedLead | undefined;
  for (const chunk of cleanSelection(text ?? '')) {
    const lead = parseChunk(chunk, options);
    if (lead.name || lead.email || lead.phones.length) return lead;
    if (!fallback && hasAny(lead)) fallback = lead;
  }
  return fallback ?? { phones: [] };
}

/** Words of a value, folded: for tests and the evaluation. */
export const valueWords = (s: string) => foldedWords(s).join(' ');
