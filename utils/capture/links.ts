// Emails, websites and LinkedIn profiles in the lines of a selection, with where they are
// (so that the rest of the line can be read without them).
import { freeMailDomains } from './labels';

const emailPattern = /(?<![\w.+-])[\w.%+'-]*[\w%+'-]@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,24}(?![\w-])/gi;
const urlPattern = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}|]+/gi;
const linkedinPattern = /\b(?:https?:\/\/)?(?:[a-z]{2,3}\.)?linkedin\.com\/(?:in|pub)\/[^\s<>"'()[\]{}|?#]+/gi;
const bareSitePattern =
  /\b(?:web(?:site)?|site(?: web)?|internet|homepage|home page|url|p[áa]gina web|sitio web|webseite|w)\s*[:.]\s*((?:[a-z0-9-]+\.)+[a-z]{2,24}(?:\/[^\s<>"'()]*)?)/gi;
// A line that is only a domain ("acme.com", "acme.co.uk"), not "first.last.example.com".
const bareDomainLine = /^\s*((?:[a-z0-9-]+\.)?[a-z0-9-]+\.(?:com|net|org|biz|info|[a-z]{2}|co\.[a-z]{2}|com\.[a-z]{2})(?:\/[^\s<>"'()]*)?)\s*$/gi;
const skippedHosts = /(^|\.)(facebook|fb|twitter|x|instagram|youtube|youtu|t|bit|aka|tinyurl|outlook|office|microsoft|apple|google|goo|zoom|teams)\.(com|ms|co|be|ly|gl|us|live)$/;
const obfuscatedAt = /\s*[[(]\s*(?:at|arroba|chez)\s*[\])]\s*/gi;
const obfuscatedDot = /\s*[[(]\s*(?:dot|punto|point)\s*[\])]\s*/gi;

const trimUrl = (u: string) => u.replace(/[.,;:!?'"»)>\]]+$/, '');
export const hostOf = (u: string) => {
  const m = /^(?:https?:\/\/)?([^/:?#]+)/i.exec(u);
  return (m?.[1] ?? '').toLowerCase().replace(/^www\./, '');
};
export const sldOf = (domain: string | undefined) => {
  const labels = (domain ?? '').toLowerCase().split('.').filter(Boolean);
  if (labels.length < 2) return undefined;
  // example.co.uk, example.com.au → example
  const i = labels.length >= 3 && /^(co|com|org|net|ac|gov|gob|edu|ltd|plc)$/.test(labels.at(-2)!) ? labels.length - 3 : labels.length - 2;
  return labels[i];
};

export interface Located {
  value: string;
  line: number;
  start: number;
  end: number;
}

function findAll(lines: string[], pattern: RegExp, group = 0): Located[] {
  const out: Located[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(pattern)) {
      const value = m[group];
      if (value) out.push({ value, line: i, start: m.index, end: m.index + m[0].length });
    }
  });
  return out;
}

export function companyFromDomain(domain: string): string | undefined {
  const sld = sldOf(domain);
  if (!sld || freeMailDomains.has(sld) || sld.length < 2) return undefined;
  return sld
    .split('-')
    .filter(Boolean)
    .map((w) => (w.length <= 3 ? w.toUpperCase() : w[0]!.toUpperCase() + w.slice(1)))
    .join(' ');
}

/** "john [at] acme [dot] com" → "john@acme.com"; "mailto:" dropped. */
export function deobfuscate(line: string): string {
  return line.replace(obfuscatedAt, '@').replace(obfuscatedDot, '.').replace(/\bmailto:/gi, ' ');
}

export interface Links {
  emails: Located[];
  linkedins: Located[];
  /** Written URLs (http(s) or www.) and labelled or lone domains, LinkedIn excepted. */
  sites: Located[];
}

export function findLinks(lines: string[]): Links {
  const notLinkedin = (u: Located) => !/linkedin\.com/i.test(u.value);
  return {
    emails: findAll(lines, emailPattern).map((e) => ({ ...e, value: e.value.replace(/^[.'-]+/, '') })),
    linkedins: findAll(lines, linkedinPattern),
    sites: [...findAll(lines, urlPattern), ...findAll(lines, bareSitePattern, 1), ...findAll(lines, bareDomainLine, 1)].filter((u) => notLinkedin(u) && !u.value.includes('@')),
  };
}

/** A LinkedIn profile URL normalised: https://www.linkedin.com/in/slug. */
export function normaliseLinkedin(url: string): string | undefined {
  const path = /linkedin\.com(\/(?:in|pub)\/[^\s]+)/i.exec(trimUrl(url))?.[1]?.replace(/\/+$/, '');
  return path ? `https://www.linkedin.com${path}` : undefined;
}

/**
 * The website: a written URL (the email's domain counts only when written), the one on the
 * email's domain first; social, short-link and mail-client links skipped.
 */
export function pickWebsite(sites: Located[], emailSld: string | undefined): { value: string; onEmailDomain: boolean } | undefined {
  const candidates = sites.map((u) => trimUrl(u.value)).filter((u) => hostOf(u).includes('.') && !skippedHosts.test(hostOf(u)));
  const own = emailSld ? candidates.find((u) => sldOf(hostOf(u)) === emailSld) : undefined;
  const value = own ?? candidates[0];
  return value ? { value, onEmailDomain: own !== undefined } : undefined;
}
