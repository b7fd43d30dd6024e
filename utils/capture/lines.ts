// The parts of one line of a signature: "John Smith, CEO, Acme Inc." is a name, a title and a
// company; "Acme GmbH, Musterstraße 5, 10115 Berlin" a company and an address. Built on the
// word-level tests of classify.ts.
import { addressScore } from './address';
import { isFunctionOnly, isLegalFormOnly, isProse, nameIn, nameMatchesEmail, orgScore, roleInfo } from './classify';
import { deptWords, fieldLabels, fold, foldedWords, functionWords, orgWords, stopWords } from './labels';

export type Kind = 'name' | 'title' | 'company' | 'function' | 'address' | 'other';
export interface Part {
  kind: Kind;
  text: string;
  /** Company strength (orgScore), title strength (1 when a role word leads), address strength. */
  score: number;
  /** Given by a field label ("Company: …"). */
  explicit?: boolean;
}

const hasFunctionWord = (t: string) => foldedWords(t).some((w) => functionWords.has(w) || deptWords.has(w));
const explicitLabel = /^\s*(\p{L}[\p{L} ]{1,18}?)\s*:\s*/u;
/** 1–4 capitalised words, no digits: "FairAir", "McDermott, Will & Emery" pieces. */
export const capitalisedShort = (t: string) => {
  const ws = t.split(/\s+/).filter(Boolean);
  return ws.length >= 1 && ws.length <= 4 && !/\d/.test(t) && ws.every((w) => /^[\p{Lu}&]/u.test(w) || stopWords.has(fold(w)));
};

/** A line cut at its commas, a legal form staying with its company ("Saber Partners, LLC"). */
function commaPieces(t: string): string[] {
  const pieces: string[] = [];
  for (const piece of t.split(/\s*,\s+/)) {
    if (pieces.length && isLegalFormOnly(piece)) pieces[pieces.length - 1] += `, ${piece}`;
    else pieces.push(piece);
  }
  return pieces;
}

/** What one piece of a line is, on its own. */
function classifyWhole(t: string, sld: string | undefined, local: string | undefined): Part {
  const roles = roleInfo(t);
  const org = orgScore(t, sld);
  if (org === 3 && !roles.first) return { kind: 'company', text: t, score: 3 };
  // "Enron Support Services" ends with an organisation word: a company, not a title.
  const endsAsOrg = org >= 2 && !roles.first && orgWords.has(foldedWords(t).at(-1) ?? '');
  if (roles.roles > 0 && org < 3 && !endsAsOrg && !isProse(t)) return { kind: 'title', text: t, score: roles.first ? 1 : 0.8 };
  const name = nameIn(t);
  if (name && (org < 2 || nameMatchesEmail(name, local))) return { kind: 'name', text: name, score: 1 };
  // "Debt Capital Markets" is a function, "Sequoia Capital" a company.
  if (org < 2.5 && isFunctionOnly(t)) return { kind: 'function', text: t, score: 1 };
  if (org > 0) return { kind: 'company', text: t, score: org };
  return { kind: 'other', text: t, score: 0 };
}

/** Splits "Title at Company", "Geschäftsführer der Acme GmbH", "Director of Acme Corp." when the rest is a company. */
function splitTitle(t: string, sld: string | undefined): Part[] {
  const at = /^(.+?)\s+(?:at|@|chez|bei|en)\s+(.+)$/i.exec(t);
  if (at && roleInfo(at[1]!).roles > 0 && !isFunctionOnly(at[2]!) && roleInfo(at[2]!).roles === 0 && (orgScore(at[2]!, sld) > 0 || capitalisedShort(at[2]!))) {
    return [
      { kind: 'title', text: at[1]!, score: 1 },
      { kind: 'company', text: at[2]!, score: Math.max(2, orgScore(at[2]!, sld)) },
    ];
  }
  const of = /^(.+?)\s+(?:of|de|der|des|du|del|de la)\s+(.+)$/i.exec(t);
  if (of && roleInfo(of[1]!).roles > 0 && orgScore(of[2]!, sld) >= 2 && !isFunctionOnly(of[2]!) && roleInfo(of[2]!).roles === 0) {
    return [
      { kind: 'title', text: of[1]!, score: 1 },
      { kind: 'company', text: of[2]!, score: orgScore(of[2]!, sld) },
    ];
  }
  return [{ kind: 'title', text: t, score: roleInfo(t).first ? 1 : 0.8 }];
}

/** The parts of one segment: "John Smith, CEO, Acme Inc." gives a name, a title and a company. */
export function classifyLine(t: string, sld: string | undefined, local: string | undefined): Part[] {
  const explicit = explicitLabel.exec(t);
  const kind = explicit ? fieldLabels[fold(explicit[1]!)] : undefined;
  if (explicit && kind) {
    const rest = t.slice(explicit[0].length).trim();
    if (!rest) return [];
    if (kind === 'name') return [{ kind, text: nameIn(rest, true) ?? rest, score: 1, explicit: true }];
    return [{ kind, text: rest, score: kind === 'address' ? 2 : 4, explicit: true }];
  }
  // "Name | Title | Company", "Name – Title": a plain capitalised piece after the first is the company.
  const bars = t.split(/\s*[|•·]\s*|\s+[–—]\s+/).filter(Boolean);
  if (bars.length === 1) {
    const address = addressScore(t);
    if (address) {
      // "Acme GmbH, Musterstraße 5, 10115 Berlin": the company, then the address.
      const pieces = commaPieces(t);
      const head = pieces[0]!;
      if (pieces.length > 1 && !/\d/.test(head) && !addressScore(head) && orgScore(head, sld) >= 2) {
        return [
          { kind: 'company', text: head, score: orgScore(head, sld) },
          { kind: 'address', text: pieces.slice(1).join(', '), score: addressScore(pieces.slice(1).join(', ')) || address },
        ];
      }
      return [{ kind: 'address', text: t, score: address }];
    }
    if (isProse(t)) return [];
  } else {
    const parts = bars.flatMap((p) => classifyLine(p, sld, local));
    let seenName = false;
    return parts.map((p, k) => {
      const plain = p.kind === 'other' || (p.kind === 'name' && seenName);
      if (p.kind === 'name') seenName = true;
      return k > 0 && plain && capitalisedShort(p.text) && !hasFunctionWord(p.text) ? { kind: 'company', text: p.text, score: 2 } : p;
    });
  }

  // Commas: "Senior Counsel, ENA", "John Smith, CEO", but not "Saber Partners, LLC".
  const commas = commaPieces(t);
  if (commas.length > 1) {
    const name = nameIn(t);
    if (name) return [{ kind: 'name', text: name, score: 1 }];
    const first = classifyWhole(commas[0]!, sld, local);
    if (first.kind === 'title' || first.kind === 'name') {
      const parts: Part[] = first.kind === 'title' ? splitTitle(first.text, sld) : [first];
      for (const piece of commas.slice(1)) {
        const p = classifyWhole(piece, sld, local);
        const last = parts.at(-1)!;
        const plainCompany = (p.kind === 'other' || p.kind === 'name') && capitalisedShort(piece) && !hasFunctionWord(piece);
        if ((p.kind === 'company' && p.score >= 2) || plainCompany) parts.push({ kind: 'company', text: piece, score: Math.max(p.score, 2) });
        else if (p.kind === 'title' && last.kind !== 'title') parts.push(p);
        else if (last.kind === 'title') last.text += `, ${piece}`;
        else if (p.kind !== 'other') parts.push(p);
      }
      return parts;
    }
  }
  const whole = classifyWhole(t, sld, local);
  if (whole.kind === 'title') return splitTitle(t, sld);
  return [whole];
}
