import { ConnectInfo, parseConnectCode, type MeResponse } from '../model';
import { httpTransport, SyncFailure, type Fetch } from './transport';

/** Servers on this machine need no permission prompt (they are required host permissions). */
export function isLocalServer(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The host permission pattern for a remote server's origin. */
export function originPattern(url: URL): string {
  return `${url.origin}/*`;
}

/**
 * Reads what a person pasted: a connect code, or a server URL and a token. Checks the URL
 * (a remote server must use https:) without touching the network. Throws an Error that says
 * what to fix.
 */
export function readConnectInput(input: { code: string } | { serverUrl: string; token: string }): ConnectInfo & { url: URL } {
  let info: ConnectInfo;
  if ('code' in input) {
    info = parseConnectCode(input.code);
  } else {
    const parsed = ConnectInfo.safeParse({ serverUrl: input.serverUrl.trim(), token: input.token.trim() });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(issue.path[0] === 'token' ? 'That is not a Tandem token: it starts with “tdm_”.' : 'Write the server address as a URL, like https://tandem.example.com.');
    }
    info = parsed.data;
  }
  const url = new URL(info.serverUrl);
  if (url.protocol === 'http:' && !isLocalServer(url)) {
    throw new Error(`Tandem only talks to a remote server over https: (${url.host} was given with http:). Ask your admin for the https address.`);
  }
  return { ...info, serverUrl: url.origin, url };
}

/**
 * Checks a server before it is saved: that Tandem answers there, and who the token is.
 * Errors say what happened in words a person can act on.
 */
export async function checkServer(info: ConnectInfo, fetchImpl: Fetch = (i, init) => fetch(i, init)): Promise<MeResponse> {
  let health: Response;
  try {
    health = await fetchImpl(`${info.serverUrl}/healthz`);
  } catch {
    throw new Error(`The server at ${info.serverUrl} cannot be reached. Check the address, your connection, and that the server is running.`);
  }
  const body = (await health.json().catch(() => null)) as { ok?: boolean } | null;
  if (!health.ok || body?.ok !== true) {
    throw new Error(`${info.serverUrl} answered, but it is not a Tandem server. Check the address.`);
  }
  try {
    return await httpTransport(info.serverUrl, info.token, fetchImpl).me();
  } catch (error) {
    if (error instanceof SyncFailure && error.kind === 'unauthorized') {
      throw new Error('The server does not accept this token: it is wrong or has been revoked. Ask your admin for a new connect code.');
    }
    throw error;
  }
}
