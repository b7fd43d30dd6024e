import { z } from 'zod';
import { Id, PlainText } from './common';
import { MeResponse } from './sync';

/**
 * A connect code is one string a person pastes into the extension: `tandem1.` then base64url
 * of `{"u": server URL, "c": one-time code}`. The extension trades the one-time code at
 * `POST /v1/connect` for a token of its own (one per connected browser, a "device"); the code
 * then works no more, and it expires after a while (24 hours unless the admin said otherwise),
 * so a code pasted into a chat is not a lasting credential.
 *
 * Codes made before devices existed held the member's token itself (`{"u", "t"}`). They still
 * read: such a code connects with that token, as a server address and a token typed in do.
 */

/** A device's API token: 256 random bits, `tdm_` + base64url. */
export const ApiToken = z.string().regex(/^tdm_[A-Za-z0-9_-]{32,100}$/, 'This is not a Tandem token.');

/** The one-time code inside a connect code: 256 random bits, `tdc_` + base64url. */
export const OneTimeCode = z.string().regex(/^tdc_[A-Za-z0-9_-]{32,100}$/, 'This is not a Tandem connect code.');

export const ServerUrl = PlainText(z.url({ protocol: /^https?$/ }).max(500));

/** A server and a token to use there: what the extension keeps for a workspace. */
export const ConnectInfo = z.object({
  serverUrl: ServerUrl,
  token: ApiToken,
});
export type ConnectInfo = z.infer<typeof ConnectInfo>;

/** What a connect code holds: a one-time code to exchange, or (a code made before) a token. */
export type ConnectCode = { serverUrl: string; code: string; token?: undefined } | { serverUrl: string; token: string; code?: undefined };

const prefix = 'tandem1.';

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(data: string): string {
  const binary = atob(data.replaceAll('-', '+').replaceAll('_', '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** Packs a server URL and a one-time code (or, for tests of older codes, a token) into a connect code. */
export function encodeConnectCode(info: ConnectCode): string {
  const serverUrl = ServerUrl.parse(info.serverUrl).replace(/\/+$/, '');
  const packed = info.code !== undefined ? { u: serverUrl, c: OneTimeCode.parse(info.code) } : { u: serverUrl, t: ApiToken.parse(info.token) };
  return prefix + toBase64Url(JSON.stringify(packed));
}

/** Reads a connect code; throws an Error whose message says what is wrong with it. */
export function parseConnectCode(code: string): ConnectCode {
  const trimmed = code.trim();
  if (!trimmed.startsWith(prefix)) throw new Error('A connect code starts with “tandem1.”. Ask your admin for a new one.');
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(trimmed.slice(prefix.length)));
  } catch {
    throw new Error('This connect code is damaged: copy the whole code again.');
  }
  const parsed = z.union([z.object({ u: z.string(), c: z.string() }), z.object({ u: z.string(), t: z.string() })]).safeParse(raw);
  if (!parsed.success) throw new Error('This connect code is damaged: copy the whole code again.');
  const url = ServerUrl.safeParse(parsed.data.u);
  const secret = 'c' in parsed.data ? OneTimeCode.safeParse(parsed.data.c) : ApiToken.safeParse(parsed.data.t);
  const issue = url.error?.issues[0] ?? secret.error?.issues[0];
  if (issue || !url.success || !secret.success) throw new Error(`This connect code is not valid: ${issue?.message ?? 'unknown problem'}.`);
  return 'c' in parsed.data ? { serverUrl: url.data, code: secret.data } : { serverUrl: url.data, token: secret.data };
}

/** `POST /v1/connect`: a one-time code, traded for a token of this browser's own. */
export const ConnectRequest = z.object({ code: OneTimeCode });
export type ConnectRequest = z.infer<typeof ConnectRequest>;

/** The new device's token (shown this once), its id, and who it acts as. */
export const ConnectResponse = MeResponse.extend({
  token: ApiToken,
  deviceId: Id,
});
export type ConnectResponse = z.infer<typeof ConnectResponse>;
