import { z } from 'zod';

/**
 * A connect code is one string holding a sync server's URL and a member's token, so a person
 * pastes one thing into the extension: `tandem1.` then base64url of `{"u": url, "t": token}`.
 */
export const ConnectInfo = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).max(500),
  token: z.string().regex(/^tdm_[A-Za-z0-9_-]{32,100}$/, 'This is not a Tandem token.'),
});
export type ConnectInfo = z.infer<typeof ConnectInfo>;

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

export function encodeConnectCode(info: ConnectInfo): string {
  const { serverUrl, token } = ConnectInfo.parse(info);
  return prefix + toBase64Url(JSON.stringify({ u: serverUrl.replace(/\/+$/, ''), t: token }));
}

/** Reads a connect code; throws an Error whose message says what is wrong with it. */
export function parseConnectCode(code: string): ConnectInfo {
  const trimmed = code.trim();
  if (!trimmed.startsWith(prefix)) throw new Error('A connect code starts with “tandem1.”. Ask your admin for a new one.');
  let raw: unknown;
  try {
    raw = JSON.parse(fromBase64Url(trimmed.slice(prefix.length)));
  } catch {
    throw new Error('This connect code is damaged: copy the whole code again.');
  }
  const parsed = z.object({ u: z.string(), t: z.string() }).safeParse(raw);
  if (!parsed.success) throw new Error('This connect code is damaged: copy the whole code again.');
  const info = ConnectInfo.safeParse({ serverUrl: parsed.data.u, token: parsed.data.t });
  if (!info.success) throw new Error(`This connect code is not valid: ${info.error.issues[0]?.message ?? 'unknown problem'}.`);
  return info.data;
}
