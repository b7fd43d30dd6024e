// Email furniture: what a selection from a mail client carries besides the person. Quoted
// replies ("> …"), reply headers ("From:", "Von:", "De :", "Enviado el:"), attributions
// ("On … wrote:", "Le … a écrit :", "Am … schrieb …:", "El … escribió:"), separators
// ("-----Original Message-----"), mobile footers ("Sent from my iPhone"), confidentiality
// disclaimers, greetings and valedictions. None of it may become a lead; a valediction is kept
// as a marker, since the name usually follows it.
import { fold } from './labels';

/** A line kept for parsing. `afterValediction`: the first line after a valediction. */
export interface CleanLine {
  text: string;
  /** Paragraph number within the chunk (blank lines and removed furniture separate paragraphs). */
  para: number;
  afterValediction: boolean;
}

/** Longest selection parsed; the rest is ignored (a whole thread can be pasted). */
export const maxParsedChars = 50_000;

const headerStart = /^\s*\**\s*(from|von|de|da|van|fra|från|od)\s*\**\s*:/i;
const headerAny =
  /^\s*\**\s*(from|sent|date|to|cc|bcc|subject|reply-to|importance|priority|von|gesendet|datum|an|kopie|betreff|wichtigkeit|de|envoyé|envoye|envoyé le|date|à|a|objet|enviado|enviado el|fecha|para|asunto|cco|inviato|oggetto|da|data)\s*\**\s*:/i;
const headerAlone = /^\s*\**\s*(sent|subject|envoyé|envoye|envoyé le|objet|gesendet|betreff|enviado|enviado el|asunto|cc|bcc|to|reply-to)\s*\**\s*:/i;
const separator =
  /^\s*(?:[-_=*~#+.]{3,}|-{2,}\s*[\p{L}' ]*(?:original|origine|ursprüngliche|forwarded|transféré|weitergeleitete|reenviado|inoltrato|reply)[\p{L}' ]*-*|(?:begin forwarded message|début du message (?:réexpédié|transféré)|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado)\s*:?)\s*$/iu;
const sigDash = /^--\s?$/;
const attributionEnd = /(?:\bwrote|a écrit|\bschrieb\b.*|escribió|escribio|ha scritto|escreveu|schreef|skrev|napisał)\s*:\s*$|\bwrote\s*$/i;
const attributionStart = /^\s*(on|le|am|el|il|em|op|den|w dniu)\s/i;
const mobileFooter =
  /^\s*(sent from my\b|sent from (outlook|mail|yahoo|samsung|gmail)\b|sent via\b|sent with\b|get outlook for\b|envoyé de mon\b|envoyé depuis\b|obtenez outlook\b|téléchargez outlook\b|von meinem\b.*gesendet|gesendet von\b|outlook für\b|enviado desde\b|obtener outlook\b|descargar outlook\b)/i;
const greeting =
  /^\s*(hi|hello|hey|dear|good (morning|afternoon|evening)|bonjour|bonsoir|salut|cher|chère|madame|monsieur|hallo|liebe|lieber|sehr geehrte[rs]?|guten (tag|morgen)|moin|hola|estimad[oa]s?|querid[oa]s?|buen[oa]s (días|dias|tardes|noches))\b[^.!?]{0,40}[,!:]?\s*$/i;
const valedictionWords =
  '(?:best(?: regards| wishes)?|kind(?:est)? regards|regards|warm(?:est)? regards|many thanks|thanks(?: again| so much| and regards)?|thank you(?: very much)?|thx|cheers|sincerely(?: yours)?|yours(?: sincerely| truly| faithfully)?|respectfully|all the best|take care|rgds|br|mit (?:den )?(?:freundlichen|besten|herzlichen) grü(?:ß|ss)en|mit freundlichem gru(?:ß|ss)|freundliche grü(?:ß|ss)e|viele grü(?:ß|ss)e|beste grü(?:ß|ss)e|liebe grü(?:ß|ss)e|herzliche grü(?:ß|ss)e|schöne grü(?:ß|ss)e|grü(?:ß|ss)e|gru(?:ß|ss)|mfg|lg|vg|cordialement|bien cordialement|très cordialement|bien à (?:vous|toi)|salutations(?: distinguées)?|meilleures salutations|sincères salutations|bonne (?:journée|soirée)|merci(?: beaucoup| d\'avance)?|amicalement|bises|saludos(?: cordiales)?|un (?:cordial )?saludo|atentamente|muchas gracias|gracias|un abrazo|abrazos|cordialmente|cordiali saluti|distinti saluti)';
const valediction = new RegExp(`^\\s*${valedictionWords}\\s*[,.!-]*\\s*$`, 'i');
const valedictionInline = new RegExp(`^\\s*${valedictionWords}\\s*[,–—-]\\s*(\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){0,3})\\s*$`, 'iu');

const disclaimerTrigger = new RegExp(
  [
    'confidential',
    'privileged',
    'intended (?:solely |only |exclusively )?for',
    'intended recipient',
    'if you (?:are not|have received)',
    'disclaimer',
    '(?:this|the) (?:e-?mail|message|communication|transmission)(?: and any)? (?:attachments?|is|may|contains)',
    'unauthori[sz]ed (?:use|review|disclosure|copying)',
    '(?:ce|le present) (?:message|courriel|mail|e-mail)',
    'confidentiel',
    'destinataire',
    'diese (?:e-?mail|nachricht)',
    'vertraulich',
    'empfanger',
    'irrtumlich',
    'este (?:mensaje|correo)',
    'confidencial',
    'destinatario',
    'please consider the environment',
    'before printing',
    'avant d.imprimer',
    'umwelt',
    'antes de imprimir',
    'originated (?:from )?outside',
    'external (?:e-?mail|sender)',
  ].join('|'),
);

// Company register lines under German, French and Spanish signatures (and their English
// cousins): "Sitz der Gesellschaft: …, Geschäftsführer: …", "RCS Paris B 123", "CIF B-12345678".
const registerLine =
  /\b(?:sitz der gesellschaft|registergericht|amtsgericht|handelsregister|hrb\s*\d|hra\s*\d|ust\.?-?id|umsatzsteuer|steuernummer|aufsichtsrat|geschäftsführ(?:er|erin|ung)\s*:|vorstand\s*:|registered (?:office|in|number)|company (?:no|number|registration)|vat (?:no|number|reg)|siret|siren|rcs\s|capital social|au capital de|n° tva|tva intracommunautaire|registro mercantil|inscrita en el registro|c\.?i\.?f\.?\s*:?\s*[a-z]-?\d)/i;

// Inline clutter: "[cid:image001.png@01D…]", "<<…OLE_Obj…>>", "[image: Logo]", Notes' embedded images.
const noise = /\[cid:[^\]]*\]|<<[^>]*>>|\[(?:image|logo|signature|bild|imagen)[^\]]*\]|\(embedded image moved to file:[^)]*\)|\bcid:\S+/gi;

const isBlank = (s: string) => !/[\p{L}\p{N}]/u.test(s);
const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** Splits the quote marks off a line: "> > text" → depth 2. */
function unquote(line: string): { depth: number; text: string } {
  const m = /^(\s*>[ \t]?)+/.exec(line);
  if (!m) return { depth: 0, text: line };
  return { depth: (m[0].match(/>/g) ?? []).length, text: line.slice(m[0].length) };
}

type Mark = 'keep' | 'blank' | 'boundary' | 'valediction';

/**
 * The selection cut into chunks (one per message of a pasted thread, newest first), each a
 * list of lines with their furniture removed. Quoted lines are dropped when the selection has
 * unquoted content, and unquoted otherwise (a selection of a quoted signature alone).
 */
export function cleanSelection(input: string): CleanLine[][] {
  const text = input
    .slice(0, maxParsedChars)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u2028\u2029]/g, '\n');
  const raw = text.split('\n').map(unquote);
  const contentDepths = raw.filter((l) => !isBlank(l.text.replace(noise, ''))).map((l) => l.depth);
  const keptDepth = contentDepths.includes(0) || !contentDepths.length ? 0 : Math.min(...contentDepths);
  const lines = raw.map((l) => (l.depth === keptDepth ? l.text.replace(noise, ' ').replace(/\s+$/, '') : null));

  const marks: Mark[] = lines.map((l) => (l === null ? 'boundary' : isBlank(l) ? 'blank' : 'keep'));
  const inlineNames = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line == null || marks[i] !== 'keep') continue;
    // Reply headers: a "From:" line and the header lines after it (with wrapped To:/Cc: lists).
    if (headerStart.test(line)) {
      marks[i] = 'boundary';
      let j = i + 1;
      while (j < lines.length) {
        const next = lines[j];
        if (next == null) break;
        const continuation = /^\s/.test(next) || /[;<@]/.test(next);
        if (headerAny.test(next) || (!isBlank(next) && continuation && headerAny.test(lines[j - 1] ?? ''))) marks[j++] = 'boundary';
        else break;
      }
      i = j - 1;
      continue;
    }
    if (headerAlone.test(line) || separator.test(line) || sigDash.test(line)) {
      marks[i] = separator.test(line) && !/[\p{L}]/u.test(line) ? 'blank' : 'boundary';
      continue;
    }
    // Attributions, possibly wrapped over up to three lines.
    if (attributionEnd.test(line)) {
      marks[i] = 'boundary';
      for (let k = i - 1; k >= Math.max(0, i - 2); k--) {
        const prev = lines[k];
        if (prev == null || marks[k] !== 'keep') break;
        marks[k] = 'boundary';
        if (attributionStart.test(prev)) break;
      }
      continue;
    }
    if (mobileFooter.test(line)) {
      marks[i] = 'boundary';
      continue;
    }
    if (registerLine.test(line)) {
      marks[i] = 'blank';
      continue;
    }
    if (greeting.test(line) && wordCount(line) <= 6) {
      marks[i] = 'blank';
      continue;
    }
    if (valediction.test(line)) {
      marks[i] = 'valediction';
      continue;
    }
    const inline = valedictionInline.exec(line);
    if (inline?.[1]) {
      marks[i] = 'valediction';
      inlineNames.set(i, inline[1]);
      continue;
    }
    if (disclaimerTrigger.test(fold(line))) {
      // The whole paragraph: forwards to the next blank line, backwards over prose lines only
      // (a signature line just above a disclaimer stays).
      let k = i;
      while (k < lines.length && lines[k] != null && !isBlank(lines[k]!)) marks[k++] = 'boundary';
      for (let b = i - 1; b >= 0; b--) {
        const prev = lines[b];
        if (prev == null || isBlank(prev) || wordCount(prev) < 7) break;
        marks[b] = 'boundary';
      }
      i = k - 1;
    }
  }

  const chunks: CleanLine[][] = [];
  let chunk: CleanLine[] = [];
  let para = 0;
  let pendingValediction = false;
  // The lines before a valediction, kept in case nothing follows it.
  let beforeValediction: CleanLine[] = [];
  const close = () => {
    if (!chunk.length) chunk = beforeValediction;
    if (chunk.length) chunks.push(chunk);
    chunk = [];
    beforeValediction = [];
    para = 0;
    pendingValediction = false;
  };
  for (let i = 0; i < lines.length; i++) {
    const mark = marks[i];
    if (mark === 'boundary') {
      close();
      continue;
    }
    if (mark === 'blank') {
      para++;
      continue;
    }
    if (mark === 'valediction') {
      // The body before a valediction is the message, not the signature.
      if (chunk.length) beforeValediction = chunk;
      chunk = [];
      para = 1;
      pendingValediction = true;
      const name = inlineNames.get(i);
      if (name) {
        chunk.push({ text: name, para, afterValediction: true });
        pendingValediction = false;
      }
      continue;
    }
    chunk.push({ text: lines[i]!, para, afterValediction: pendingValediction });
    pendingValediction = false;
  }
  close();
  return chunks;
}
