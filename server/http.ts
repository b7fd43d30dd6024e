import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError, invalid } from './errors';
import type { Identity } from './team';

/** What every /v1 handler finds on its context: the caller, and the request's id. */
export type Env = { Variables: { who: Identity; requestId: string } };

/** Parses a JSON body with `schema`; 400 `malformed-json` or `invalid` (naming the field) otherwise. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, what: string): Promise<z.output<S>> {
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, 'malformed-json', `The request body is not valid JSON: ${(error as Error).message}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid(what, parsed.error);
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw invalid(what, parsed.error);
  return parsed.data;
}

export function readParams<S extends z.ZodType>(c: Context, schema: S, what: string): z.output<S> {
  const parsed = schema.safeParse(c.req.param());
  if (!parsed.success) throw invalid(what, parsed.error);
  return parsed.data;
}
