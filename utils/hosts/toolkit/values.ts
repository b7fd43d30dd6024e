/**
 * Value parsers every host adapter uses, one rule each: what an email address, a phone number,
 * a domain or a website is, and how a `mailto:` or `tel:` link is read. Pages are untrusted
 * input (DESIGN.md rule 2): nothing here throws on what a page writes; what does not parse is
 * no value (`undefined`).
 */
import type { PageContact } from '../types';

/** Whitespace folded and trimmed; nothing when empty or when it is a host's `empty` placeholder ("—", "---"). */
export function folded(text: string | null | undefined, empty?: RegExp): string | undefined {
  const value = text?.replace(/\s+/g, ' ').trim();
  return value && !empty?.test(value) ? value : undefined;
}

/** The placeholder most hosts show in an empty field: dashes alone. */
export const DASHES = /^[-–—]+$/;

/** `decodeURIComponent` that gives `undefined` for a malformed escape (`%E0%A4%A`) instead of throwing. */
export function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** One rule for an address: local@domain, a dot in the domain, no spaces; trimmed. A `mailto:` link is read as one. */
export function asEmail(text: string | null | undefined): string | undefined {
  const address = text?.trim();
  if (!address) return undefined;
  if (/^mailto:/i.test(address)) return fromMailto(address);
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) ? address : undefined;
}

/** The addresses written in a text ("Name <a@b.example>, c@d.example", "Inbox - a@b.example - Gmail"), by the same rule. */
export function emailsIn(text: string | null | undefined): string[] {
  return text?.match(/[^\s<>()"',;:@]+@[^\s<>()"',;:@]+\.[^\s<>()"',;:@]+/g) ?? [];
}

/** The addresses of a `mailto:` link (RFC 6068: comma-separated, before any `?subject=…`); none when it is malformed. */
export function mailtoAddresses(href: string | null | undefined): string[] {
  const to = /^\s*mailto:([^?#]*)/i.exec(href ?? '')?.[1];
  const list = to === undefined ? undefined : decoded(to);
  return (list ?? '').split(/[,;]/).flatMap((part) => asEmail(part) ?? []);
}

/** The first address of a `mailto:` link, or nothing (not a mailto:, malformed, no valid address). */
export function fromMailto(href: string | null | undefined): string | undefined {
  return mailtoAddresses(href)[0];
}

/**
 * One rule for a phone number: digits with the characters numbers are written with (+ ( ) . - /
 * and spaces), an optional extension ("x12", "ext. 12", "#12"), and 5 to 20 digits in all.
 * Folded and trimmed; anything else (a label, a sentence, two numbers run together) is none.
 */
export function asPhone(text: string | null | undefined): string | undefined {
  const phone = folded(text);
  if (!phone || !/^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|#)\s*\d+)?$/i.test(phone)) return undefined;
  const digits = phone.replace(/\D/g, '').length;
  return digits >= 5 && digits <= 20 ? phone : undefined;
}

/** The number of a `tel:` (or `callto:`) link, without its parameters (`;ext=`); nothing when malformed. */
export function fromTel(href: string | null | undefined): string | undefined {
  const number = /^\s*(?:tel|callto):([^;?#]*)/i.exec(href ?? '')?.[1];
  return number === undefined ? undefined : asPhone(decoded(number));
}

/** A domain name ("brightwave-health.example") from a domain or a URL, lower case; nothing when it is not one. */
export function asDomain(text: string | null | undefined): string | undefined {
  const domain = text
    ?.trim()
    .replace(/^https?:\/\//i, '')
    .replace(/[/?#].*$/, '')
    .toLowerCase();
  return domain && /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(domain) ? domain : undefined;
}

/** An http(s) URL as written; anything else (javascript:, a relative link, words) is none. */
export function asUrl(text: string | null | undefined): string | undefined {
  const url = text?.trim();
  return url && /^https?:\/\/\S+$/i.test(url) ? url : undefined;
}

/** A website as a link: an http(s) URL kept, a bare host name as typed ("www.example.com/x") given https. */
export function asWebsite(text: string | null | undefined): string | undefined {
  const site = text?.trim();
  if (!site) return undefined;
  return asUrl(site) ?? (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:[/?#]\S*)?$/i.test(site) ? `https://${site}` : undefined);
}

/** A name without the salutation a CRM shows before it ("Dr. Amelia Ortiz" → "Amelia Ortiz"). */
export function withoutSalutation(name: string | null | undefined): string | undefined {
  return name?.replace(/^(?:Mr|Ms|Mrs|Mx|Dr|Prof)\.?\s+/, '');
}

/** The contact without the fields the page left empty. */
export function withoutEmpty(contact: PageContact): PageContact {
  return Object.fromEntries(Object.entries(contact).filter(([, value]) => value !== undefined && value !== '')) as PageContact;
}
