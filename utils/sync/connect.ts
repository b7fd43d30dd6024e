import { ConnectInfo, ConnectResponse, ErrorBody, parseConnectCode, type ConnectCode, type MeResponse } from '../model';
import { defaultTimeoutMs, httpTransport, SyncFailure, type Fetch } from './transport';

/** Servers on this machine need no permission prompt (they are required host permissions). */
export function isLocalServer(url: URL): boolean {
  return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** The host permission pattern for a remote server's origin. */
export function originPattern(url: URL): string {
  return `${url.origin}/*`;
}

/**
 * Reads what a person pasted: a connect code (a one-time code to trade for this browser's own
 * token, or, from an older server, a token), or a server URL and a token. Checks the URL (a
 * remote server must use https:) without touching the network. Throws an Error that says
 * what to fix.
 */
export function readConnectInput(input: { code: string } | { serverUrl: string; token: string }): ConnectCode & { url: URL } {
  let info: ConnectCode;
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

/** That Tandem answers at `serverUrl`; else an Error saying whether it is unreachable or something else. */
async function checkHealth(serverUrl: string, fetchImpl: Fetch): Promise<void> {
  let health: Response;
  try {
    health = await fetchImpl(`${serverUrl}/healthz`);
  } catch {
    throw new Error(`The server at ${serverUrl} cannot be reached. Check the address, your connection, and that the server is running.`);
  }
  const body = (await health.json().catch(() => null)) as { ok?: boolean } | null;
  if (!health.ok || body?.ok !== true) {
    throw new Error(`${serverUrl} answered, but it is not a Tandem server. Check the address.`);
  }
}

/**
 * Checks a server before it is saved: that Tandem answers there, and who the token is.
 * Errors say what happened in words a person can act on.
 */
export async function checkServer(info: ConnectInfo, fetchImpl: Fetch = (i, init) => fetch(i, init)): Promise<MeResponse> {
  await checkHealth(info.serverUrl, fetchImpl);
  try {
    return await httpTransport(info.serverUrl, info.token, fetchImpl).me();
  } catch (error) {
    if (error instanceof SyncFailure && error.kind === 'unauthorized') {
      throw new Error('The server does not accept this token: it is wrong or has been revoked. Ask your admin for a new connect code.');
    }
    throw error;
  }
}

/** Said when the server refuses a code without saying why in its own words. */
const refusedCode = 'This connect code was already used or has expired. Ask your admin for a new one.';

/**
 * Trades a one-time connect code for this browser's own token (`POST /v1/connect`, the code
 * in the body, never in a URL), after checking that Tandem answers at `serverUrl`. The code
 * works once: a second try, from here or anywhere, is refused. Errors say what happened in
 * words a person can act on; a refused code says to ask the admin for a new one.
 */
export async function exchangeConnectCode(serverUrl: string, code: string, fetchImpl: Fetch = (i, init) => fetch(i, init), timeoutMs = defaultTimeoutMs): Promise<ConnectResponse> {
  await checkHealth(serverUrl, fetchImpl);
  let response: Response;
  try {
    response = await fetchImpl(`${serverUrl}/v1/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    throw new Error(`The server at ${serverUrl} cannot be reached. Check your connection, and that the server is running.`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ErrorBody.safeParse(body);
    if (response.status === 401) throw new Error(error.success ? error.data.error.message : refusedCode);
    throw new Error(error.success ? error.data.error.message : `The server at ${serverUrl} answered ${response.status}. Try again later, or ask your admin.`);
  }
  const parsed = ConnectResponse.safeParse(body);
  if (!parsed.success) throw new Error(`The server at ${serverUrl} gave an answer this version of Tandem cannot read. Ask your admin which version it runs.`);
  return parsed.data;
}

/** What a browser keeps once connected: the server, its own token, and who it is there. */
export interface Connection {
  serverUrl: string;
  token: string;
  me: MeResponse;
}

/**
 * Connects with what `readConnectInput` read: trades a one-time code for this browser's own
 * token, or checks a token given as it is (typed in, or in a connect code from an older server).
 */
export async function connect(info: ConnectCode, fetchImpl: Fetch = (i, init) => fetch(i, init)): Promise<Connection> {
  if (info.code !== undefined) {
    const { token, workspace, member } = await exchangeConnectCode(info.serverUrl, info.code, fetchImpl);
    return { serverUrl: info.serverUrl, token, me: { workspace, member } };
  }
  const me = await checkServer({ serverUrl: info.serverUrl, token: info.token }, fetchImpl);
  return { serverUrl: info.serverUrl, token: info.token, me };
}
