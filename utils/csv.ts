/**
 * CSV that spreadsheets open safely: RFC 4180 fields and line ends, a UTF-8 byte order mark so
 * Excel reads accents and non-Latin names correctly, and formula escaping against CSV
 * injection (OWASP): a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return gets a leading `'`, so `=HYPERLINK(...)` typed into a feedback note stays text.
 *
 * Excel in many European locales splits on `;` rather than `,`, and may split a cell at a tab
 * or a line break too; so every text field is quoted, and a formula character right after a
 * `;`, tab or line break inside a cell gets the same `'`: whichever way the file is split,
 * no piece starts a formula.
 */

/** One cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null | undefined;

/** The UTF-8 byte order mark, as the first character of the text. */
export const bom = '\uFEFF';

const formulaStart = /^[=+\-@\t\r]/;
/** A formula character just after a place where a spreadsheet may start a new cell. */
const formulaAfterSplit = /([;\t\r\n])([=+\-@])/g;

/**
 * A text as a spreadsheet should show it: with `'` in front when a spreadsheet would read it
 * as a formula, at its start and after each `;`, tab or line break in it. Numbers made by
 * Tandem (counts, hours) are not text and keep their sign.
 */
export function escapeFormula(text: string): string {
  const inside = text.replace(formulaAfterSplit, "$1'$2");
  return formulaStart.test(inside) ? `'${inside}` : inside;
}

/** One field: a number as it is; text formula-escaped and always quoted (with `"` doubled). */
export function csvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (cell === '') return '';
  return `"${escapeFormula(cell).replaceAll('"', '""')}"`;
}

/** Rows (the first is usually the header) as CSV text: CRLF after every record, the BOM first. */
export function toCsv(rows: readonly (readonly CsvCell[])[], options: { bom?: boolean } = {}): string {
  const body = rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
  return (options.bom ?? true) ? bom + body : body;
}
