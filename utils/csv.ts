/**
 * CSV that spreadsheets open safely: RFC 4180 fields and line ends, a UTF-8 byte order mark so
 * Excel reads accents and non-Latin names correctly, and formula escaping against CSV
 * injection (OWASP): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so `=HYPERLINK(...)` typed into a feedback note stays text.
 */

/** One cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/** The UTF-8 byte order mark, as the first character of the text. */
export const bom = '\uFEFF';

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/**
 * A text as a spreadsheet should show it: with `'` in front when a spreadsheet would read it
 * as a formula. Numbers made by Tandem (counts, hours) are not text and keep their sign.
 */
export function escapeFormula(text: string): string {
  return formulaStart.test(text) ? `'${text}` : text;
}

/** One field: formula-escaped, then quoted (with `"` doubled) when it holds `,` `"` CR or LF. */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : escapeFormula(cell);
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows (the first is usually the header) as CSV text: CRLF after every record, the BOM first. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
  return (options.bom ?? true) ? bom + body : body;
}
