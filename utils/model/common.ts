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

/** Short human text: trimmed, not empty. */
export const Label = z.string().trim().min(1).max(200);
/** Longer human text, may be empty. */
export const Text = z.string().max(5000);

/** Only http(s) links are ever shown as links (DESIGN.md rule 2). */
export const HttpUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000);

/**
 * Every synced record carries these: a client-made UUID, a version the server bumps on
 * every change, and a `deleted` flag (records are tombstoned, never removed, so a delete
 * can be pulled like any change).
 */
export const RecordBase = z.object({
  id: Id,
  version: z.number().int().nonnegative(),
  deleted: z.boolean().default(false),
  updatedAt: Timestamp,
});
export type RecordBase = z.infer<typeof RecordBase>;

export const Role = z.enum(['admin', 'marketing', 'sales']);
export type Role = z.infer<typeof Role>;
