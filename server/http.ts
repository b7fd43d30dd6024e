import type { Context } from 'hono';
import type { z } from 'zod';
import { controlCharacterMessage } from '../utils/model';
import { HttpError, invalid } from './errors';
import type { Identity } from './team';

/** What every /v1 handler finds on its context: the caller, and the request's id. */
export type Env = { Variables: { who: Identity; requestId: string } };

const loopback = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * The address a request came from, for counting failed authentications; undefined when
 * the app runs without a Node socket (tests calling it in-process). A request from this
 * machine that carries X-Forwarded-For came through the reverse proxy README.md puts in
 * front: its last entry is the address the proxy saw (entries before it are whatever the
 * client wrote).
 */
export function clientAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  const peer = env?.incoming?.socket?.remoteAddress;
  if (!peer) return undefined;
  if (loopback.test(peer)) {
    const forwarded = c.req.header('x-forwarded-for');
    const last = forwarded?.slice(forwarded.lastIndexOf(',') + 1).trim();
    if (last) return last;
  }
  return peer;
}

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

/**
 * The first string in a parsed JSON value that holds a control character, with its path and
 * what to do about it; undefined if there is none. Walks without recursion (a body may nest
 * deeply) and builds a path only for what it reports.
 */
export function controlCharacterIn(value: unknown): { path: string; message: string } | undefined {
  interface Step {
    value: unknown;
    key?: string;
    parent?: Step;
  }
  const pending: Step[] = [{ value }];
  while (pending.length > 0) {
    const step = pending.pop()!;
    if (typeof step.value === 'string') {
      const message = controlCharacterMessage(step.value);
      if (!message) continue;
      const path: string[] = [];
      for (let at: Step | undefined = step; at?.key !== undefined; at = at.parent) path.unshift(at.key);
      return { path: path.join('.'), message };
    }
    if (step.value && typeof step.value === 'object') {
      for (const [key, inner] of Object.entries(step.value)) pending.push({ value: inner, key, parent: step });
    }
  }
  return undefined;
}

