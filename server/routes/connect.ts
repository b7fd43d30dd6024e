import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ConnectRequest } from '../../utils/model';
import type { Db } from '../db/connect';
import { HttpError } from '../errors';
import { clientAddress, readJson } from '../http';
import { addressKey, defaultRateLimit, RateLimiter, type RateLimitOptions } from '../rate-limit';
import { exchangeConnectCode } from '../team';

export interface ConnectRoutesOptions {
  db: Db;
  /** Requests per client address (the API's own limit unless said). */
  rateLimit?: RateLimitOptions;
  /** The clock codes expire by (tests move it). */
  now?: () => Date;
}

/** A connect request is a code and nothing more: a few hundred bytes. */
const maxBodyBytes = 4096;

export const usedOrExpired = 'This connect code was already used or has expired. Ask your admin for a new one.';

/**
 * `POST /v1/connect {code}`: a browser trades a one-time connect code for a token of its own
 * (a new device of the code's member). It has no token yet, so it is the one /v1 route without
 * one; it is limited per client address instead, and every refusal (unknown, used, expired or
 * cancelled code, revoked member) is one 401 that says what to do.
 */
export function connectRoutes({ db, rateLimit = defaultRateLimit, now = () => new Date() }: ConnectRoutesOptions) {
  const limiter = new RateLimiter(rateLimit);
  const connect = new Hono();
  connect.post(
    '/',
    async (c, next) => {
      // The address the proxy saw, like every other per-address limit (server/http.ts).
      const address = clientAddress(c);
      const wait = limiter.take(`connect:${address ? addressKey(address) : 'unknown'}`);
      if (wait) {
        throw new HttpError(429, 'rate-limited', `Too many connect attempts from this address; try again in ${wait} s.`, { retryAfterSeconds: wait }, { 'Retry-After': String(wait) });
      }
      await next();
    },
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new HttpError(413, 'too-large', `A connect request is a code of under ${maxBodyBytes} bytes.`);
      },
    }),
    async (c) => {
      const { code } = await readJson(c, ConnectRequest, 'The connect request');
      const connected = await exchangeConnectCode(db, code, { userAgent: c.req.header('user-agent'), now: now() });
      if (!connected) throw new HttpError(401, 'connect-code-refused', usedOrExpired);
      return c.json(connected, 201);
    },
  );
  return connect;
}
