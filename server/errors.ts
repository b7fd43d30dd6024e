import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error a client can act on: sent as `{error: {code, message, details}}` with its status. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A 400 that says which fields are wrong and why. */
export function invalid(what: string, error: z.ZodError): HttpError {
  const issues = error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const first = issues[0];
  const reason = first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : '';
  return new HttpError(400, 'invalid', `${what} is not valid${reason}${/[.!?]$/.test(reason) ? '' : '.'}`, { issues });
}
