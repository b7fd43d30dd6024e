import { z } from 'zod';

// No code from strings: extension pages forbid it, and parsing is fast enough without it.
// See build/harden-bundle.ts.
z.config({ jitless: true });

/** Client-made identifiers are UUIDs, so records can be created offline without clashing. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** ISO 8601 timestamp with an offset, as `new Date().toISOString()` makes. */
export const Timestamp = z.iso.datetime({ offset: true });
/** A calendar date, `YYYY-MM-DD`. */
export const DateOnly = z.iso.date();

/**
 * Where the first control character (C0, DEL or C1: what no text a person writes has a use
 * for) is in `value`, or -1; text of several lines keeps its line breaks and tabs.
 */
function firstControlCharacter(value: string, multiLine: boolean): number {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    const lineOrTab = code === 9 || code === 10 || code === 13;
    if ((code < 0x20 && !(multiLine && lineOrTab)) || (code >= 0x7f && code <= 0x9f)) return i;
  }
  return -1;
}

/** How a control character is named to a person: "a NUL character", "a line break", "the control character U+001B". */
function describeControlCharacter(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code === 0) return 'a NUL character';
  if (code === 9) return 'a tab';
  if (code === 10 || code === 13) return 'a line break';
  return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The message for text that holds a control character, saying which and where. */
export function controlCharacterMessage(value: string, { multiLine = false }: { multiLine?: boolean } = {}): string | undefined {
  const at = firstControlCharacter(value, multiLine);
  if (at < 0) return undefined;
  const what = `Remove ${describeControlCharacter(value.charAt(at))} (character ${at + 1})`;
  return multiLine ? `${what}: this text may have line breaks and tabs, but no other control characters.` : `${what}: this is one line of plain text.`;
}

/**
 * Text a person writes, refused if it holds a control character (a NUL, an escape, a
 * backspace...): one line unless `multiLine`, which keeps line breaks and tabs. Put it last,
 * after `.trim()`, so the spaces and line breaks a paste brings at either end are trimmed
 * rather than refused.
 */
export function PlainText<S extends z.ZodType<string, string>>(schema: S, options: { multiLine?: boolean } = {}): S {
  return schema.superRefine((value, ctx) => {
    const message = controlCharacterMessage(value, options);
    if (message) ctx.addIssue({ code: 'custom', message, input: value });
  });
}

/** Short human text: trimmed, not empty, one line. */
export const Label = PlainText(z.string().trim().min(1).max(200));
/** Longer human text, may be empty; line breaks and tabs are kept. */
export const Text = PlainText(z.string().max(5000), { multiLine: true });

/** Only http(s) links are ever shown as links (DESIGN.md rule 2). */
export const HttpUrl = PlainText(z.url({ protocol: /^https?$/ }).max(2000));

/**
 * Every synced record carries these: a client-made UUID, a version the server bumps on
 * every change, and a `deleted` flag (records are tombstoned, never removed, so a delete
 * can be pulled like any change). A record people edit also carries `rev`, the id of the
 * edit that made this version: versions count, but two installs can both make "version 3"
 * while offline, and only `rev` tells the one this install saw from the one it did not
 * (utils/mutators/types.ts `staleBase`). Older records have none.
 */
export const RecordBase = z.object({
  id: Id,
  version: z.number().int().nonnegative(),
  deleted: z.boolean().default(false),
  updatedAt: Timestamp,
  rev: Id.optional(),
});
export type RecordBase = z.infer<typeof RecordBase>;

export const Role = z.enum(['admin', 'marketing', 'sales']);
export type Role = z.infer<typeof Role>;
