/**
 * Who a feedback is about, as a person reads it. A contact key (`email:dana@contoso.com`,
 * `url:https://…`) is how records find each other, never something to show: the inbox,
 * exports, notices and chat messages name the person and give the address instead.
 */

/** What a feedback's subject says about its contact. */
export interface ContactSubject {
  contactKey: string;
  contactName?: string | undefined;
}

/**
 * The address a contact key holds: the email of `email:…`, the record page of `url:…` (as text,
 * never a link). Other keys (a lead captured without an email, an erased contact) hold none.
 */
export function contactAddress(key: string): string | undefined {
  const match = /^(?:email|url):(.+)$/s.exec(key.trim());
  return match?.[1]?.trim() || undefined;
}

/** The person's name and the address, each when known. */
export function contactParts(subject: ContactSubject): { name: string | undefined; address: string | undefined } {
  return { name: subject.contactName?.trim() || undefined, address: contactAddress(subject.contactKey) };
}

/** Are there a name and an address to show beside it (one that is not the name itself)? */
export function addressBesideName(name: string | undefined, address: string | undefined): boolean {
  return !!name && !!address && name.toLowerCase() !== address.toLowerCase();
}

/**
 * The contact in a few words: “Dana Whitfield (dana@contoso.com)”, the name or the address
 * alone when only one is known (or they are the same), else `unnamed`.
 */
export function contactLabel(subject: ContactSubject, unnamed = 'an unnamed contact'): string {
  const { name, address } = contactParts(subject);
  if (addressBesideName(name, address)) return `${name} (${address})`;
  return name ?? address ?? unnamed;
}
