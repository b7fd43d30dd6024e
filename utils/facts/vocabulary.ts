/**
 * One vocabulary per contact field, shared by the derivations (utils/facts), the host
 * adapters' normalising step in the background, the fit evaluation and the editors' pickers.
 * Stored values are these English words and ISO codes; a translation changes only the label a
 * person sees, never what is stored or compared.
 */
import { getCountries } from 'libphonenumber-js/min';

/** Seniority, most senior first. */
export const SENIORITIES = ['C-level', 'VP', 'Head', 'Director', 'Manager', 'Individual contributor'] as const;
export type Seniority = (typeof SENIORITIES)[number];

/** Departments: a short fixed list; a title that names none of them has no department. */
export const DEPARTMENTS = [
  'Executive',
  'Sales',
  'Marketing',
  'Revenue Operations',
  'Customer Success',
  'Operations',
  'Finance',
  'Procurement',
  'Engineering',
  'IT',
  'Product',
  'Human Resources',
  'Legal',
] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Industries, normalised: what a host's own value ("COMPUTER_SOFTWARE", "Information Technology and Services") becomes. */
export const INDUSTRIES = [
  'Software',
  'SaaS',
  'Fintech',
  'Financial Services',
  'Banking',
  'Insurance',
  'E-commerce',
  'Retail',
  'Logistics',
  'Manufacturing',
  'Healthcare',
  'Pharmaceuticals',
  'Education',
  'Government',
  'Non-profit',
  'Telecommunications',
  'Media',
  'Marketing & Advertising',
  'Consulting',
  'Legal Services',
  'Real Estate',
  'Construction',
  'Energy',
  'Automotive',
  'Hospitality',
  'Food & Beverage',
  'Agriculture',
  'IT Services',
  'Hardware',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** ISO 3166-1 alpha-2 codes Tandem knows (every region with a telephone numbering plan). */
export const COUNTRY_CODES: readonly string[] = getCountries().filter((code) => /^[A-Z]{2}$/.test(code) && regionNames.of(code));

/** A country's English name for an ISO code ("DE" → "Germany"), or the code when it is not one. */
export function countryName(code: string, locale = 'en'): string {
  const upper = code.toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) return code;
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' }).of(upper) ?? code;
  } catch {
    return code;
  }
}

/** Other names people write for a country, folded (lower case, no accents, no dots). */
const ALIASES: Record<string, string> = {
  usa: 'US', us: 'US', 'u s a': 'US', 'united states of america': 'US', america: 'US', 'etats unis': 'US', 'estados unidos': 'US', 'vereinigte staaten': 'US',
  uk: 'GB', 'u k': 'GB', 'great britain': 'GB', britain: 'GB', england: 'GB', scotland: 'GB', wales: 'GB', 'northern ireland': 'GB', 'royaume uni': 'GB', 'reino unido': 'GB', 'vereinigtes konigreich': 'GB', grossbritannien: 'GB',
  deutschland: 'DE', allemagne: 'DE', alemania: 'DE', brd: 'DE',
  france: 'FR', frankreich: 'FR', francia: 'FR',
  espana: 'ES', espagne: 'ES', spanien: 'ES',
  italia: 'IT', italie: 'IT', italien: 'IT',
  nederland: 'NL', holland: 'NL', 'the netherlands': 'NL', 'pays bas': 'NL', 'paises bajos': 'NL', niederlande: 'NL',
  belgique: 'BE', belgie: 'BE', belgien: 'BE', 'belgica': 'BE',
  schweiz: 'CH', suisse: 'CH', svizzera: 'CH', suiza: 'CH',
  osterreich: 'AT', autriche: 'AT',
  mexique: 'MX', mexiko: 'MX',
  bresil: 'BR', brasil: 'BR', brasilien: 'BR',
  kanada: 'CA',
  sverige: 'SE', norge: 'NO', danmark: 'DK', suomi: 'FI', polska: 'PL', 'ceska republika': 'CZ', czechia: 'CZ',
  eire: 'IE', 'republic of ireland': 'IE',
  uae: 'AE', 'u a e': 'AE',
  'south korea': 'KR', korea: 'KR',
  russia: 'RU',
};

export const foldName = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[.’'`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

let byName: Map<string, string> | undefined;

/**
 * The ISO code of a country written by name or code, in English, French, German or Spanish
 * ("Germany", "Deutschland", "DE", "U.S.A.") or undefined when it names none.
 */
export function countryCode(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const trimmed = text.trim();
  if (/^[A-Z]{2}$/.test(trimmed) && COUNTRY_CODES.includes(trimmed)) return trimmed;
  if (!byName) {
    byName = new Map(Object.entries(ALIASES));
    for (const locale of ['en', 'fr', 'de', 'es']) {
      const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
      for (const code of COUNTRY_CODES) {
        const name = names.of(code);
        if (name && !byName.has(foldName(name))) byName.set(foldName(name), code);
      }
    }
  }
  return byName.get(foldName(trimmed));
}

/** Each field's fixed list of values, for pickers; fields not here take free text or numbers. */
export const vocabularies: Partial<Record<string, readonly string[]>> = {
  seniority: SENIORITIES,
  department: DEPARTMENTS,
  industry: INDUSTRIES,
  country: COUNTRY_CODES,
};
