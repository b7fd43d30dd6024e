import { describe, expect, it } from 'vitest';
import { bom, csvField, escapeFormula, toCsv } from './csv';

/** A small RFC 4180 reader, to prove what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('csvField', () => {
  it('quotes every text field, and leaves its text alone', () => {
    expect(csvField('Contoso')).toBe('"Contoso"');
    expect(csvField('Too small; No budget')).toBe('"Too small; No budget"');
  });

  it('quotes commas, doubles quotes, and keeps line breaks inside quotes', () => {
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('She said "not now"')).toBe('"She said ""not now"""');
    expect(csvField('line one\nline two')).toBe('"line one\nline two"');
    expect(csvField('line one\r\nline two')).toBe('"line one\r\nline two"');
    expect(csvField('"')).toBe('""""');
  });

  it.each(['=', '+', '-', '@', '\t', '\r'])('prefixes a text starting with %j with a single quote', (first) => {
    const text = `${first}HYPERLINK("https://evil.example","click")`;
    const field = csvField(text);
    const [[read]] = parseCsv(`${field}\r\n`) as [[string]];
    expect(read).toBe(`'${text}`);
    expect(read.startsWith("'")).toBe(true);
  });

  it('escapes the classic payloads', () => {
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('=cmd|\' /C calc\'!A0')).toBe(`"'=cmd|' /C calc'!A0"`);
    expect(csvField('@SUM(A1:A2)')).toBe(`"'@SUM(A1:A2)"`);
    expect(csvField('-2+3')).toBe(`"'-2+3"`);
    expect(csvField('+49 30 1234')).toBe(`"'+49 30 1234"`);
  });

  it('escapes a formula after a ;, a tab or a line break inside a cell, where a European Excel may split it', () => {
    expect(csvField('Too small;=HYPERLINK("http://x.example","click")')).toBe(`"Too small;'=HYPERLINK(""http://x.example"",""click"")"`);
    expect(escapeFormula('ok\t@SUM(A1)')).toBe("ok\t'@SUM(A1)");
    expect(escapeFormula('line one\n+1 555 0100')).toBe("line one\n'+1 555 0100");
    expect(escapeFormula('a\r\n-2+3')).toBe("a\r\n'-2+3");
    // Split on ; as such a spreadsheet would: no piece starts a formula.
    for (const piece of escapeFormula('x;=1+1;+2;-3;@4').split(';')) expect(piece).not.toMatch(/^[=+\-@]/);
    // A ; followed by anything else, or a formula character elsewhere, is left alone.
    expect(escapeFormula('Too small; No budget')).toBe('Too small; No budget');
    expect(escapeFormula('a=b;c')).toBe('a=b;c');
  });

  it('escapes only the first character: formula characters later in the text are fine', () => {
    expect(escapeFormula('a=b')).toBe('a=b');
    expect(escapeFormula('Reply to @jordan')).toBe('Reply to @jordan');
    expect(escapeFormula(' =1+1')).toBe(' =1+1');
  });

  it('writes numbers as numbers, negative ones included, and nothing for empty cells', () => {
    expect(csvField(42)).toBe('42');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField('')).toBe('');
  });

  it('keeps unicode as it is', () => {
    expect(csvField('Sofia Martínez')).toBe('"Sofia Martínez"');
    expect(csvField('東京, 日本')).toBe('"東京, 日本"');
    expect(csvField('Zoë 👋')).toBe('"Zoë 👋"');
  });
});

describe('toCsv', () => {
  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    const text = toCsv([
      ['Name', 'Note'],
      ['Ana', 'ok'],
    ]);
    expect(text).toBe(`${bom}"Name","Note"\r\n"Ana","ok"\r\n`);
    expect(new TextEncoder().encode(text).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('can leave the BOM out', () => {
    expect(toCsv([['a']], { bom: false })).toBe('"a"\r\n');
  });

  it('writes only the BOM for no rows, and an empty record for an empty row', () => {
    expect(toCsv([])).toBe(bom);
    expect(toCsv([[]], { bom: false })).toBe('\r\n');
    expect(toCsv([['', null]], { bom: false })).toBe(',\r\n');
  });

  it('round-trips awkward cells through an RFC 4180 reader', () => {
    const rows = [
      ['Note', 'Author', 'Replies'],
      ['=SUM(A1:A9)', 'Jordan Lee', 'Priya Shah (27 Nov 2026, 14:05): Thanks, "noted" | Jordan Lee (28 Nov): ok'],
      ['two\nlines, and a comma', 'Sofia Martínez', ''],
      ['-', '@', '+'],
    ];
    const read = parseCsv(toCsv(rows, { bom: false }));
    expect(read).toEqual([
      rows[0],
      ["'=SUM(A1:A9)", 'Jordan Lee', rows[1]![2]],
      ['two\nlines, and a comma', 'Sofia Martínez', ''],
      ["'-", "'@", "'+"],
    ]);
  });
});
