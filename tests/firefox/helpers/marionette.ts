// A small Marionette client: drives moz-extension:// pages, which WebDriver BiDi cannot.
// Wire format: `<byte length>:<json>`; commands [0, id, name, params], replies [1, id, error, result].
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEFAULT_EXTENSION_DIR, GECKO_ID, TEST_PREFS, assertBuilt, firefoxEnv, firefoxPath, userJs, type Prefs } from './prefs.ts';

export interface MarionetteOptions { extensionDir?: string; prefs?: Prefs; startTimeoutMs?: number }
export interface WaitOptions { timeoutMs?: number; intervalMs?: number; args?: unknown[] }
type Pending = { command: string; resolve: (v: unknown) => void; reject: (e: Error) => void };

export interface Marionette {
  /** moz-extension UUID (pinned), and `moz-extension://<uuid>/`. */
  readonly uuid: string;
  readonly baseUrl: string;
  readonly addonId: string;
  send<T = unknown>(command: string, params?: object): Promise<T>;
  /** Navigates to an absolute URL, or to a path inside the extension (e.g. 'sidepanel.html'). */
  navigate(urlOrPath: string): Promise<void>;
  /** Runs a function body in the page (`return ...`; arguments[i] are `args`). */
  execute<T = unknown>(script: string, args?: unknown[]): Promise<T>;
  /** Polls `script` until it returns something truthy; times out naming `what` and the page text. */
  waitFor<T>(script: string, what: string, opts?: WaitOptions): Promise<T>;
  /** Waits until document.body.innerText contains every one of `texts`. */
  waitForText(texts: string | string[], timeoutMs?: number): Promise<void>;
  /** Waits for an element (CSS selector, or XPath if it starts with '/' or '(') and clicks it for real. */
  click(selector: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

const INNER_TEXT = 'return document.body ? document.body.innerText : "(no body)"';
const FIND = `const s = arguments[0];
  return /^[/(]/.test(s) ? document.evaluate(s, document, null, 9, null).singleNodeValue : document.querySelector(s);`;

export async function launchMarionette(opts: MarionetteOptions = {}): Promise<Marionette> {
  const extensionDir = assertBuilt(opts.extensionDir ?? DEFAULT_EXTENSION_DIR);
  const uuid = randomUUID();
  const profile = await mkdtemp(path.join(tmpdir(), 'tandem-ff-marionette-'));
  const prefs = { ...TEST_PREFS, ...opts.prefs, 'marionette.port': 0, // 0: Firefox picks a free port
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }) };
  await writeFile(path.join(profile, 'user.js'), userJs(prefs));
  const proc = spawn(firefoxPath(), ['--headless', '--marionette', '--remote-allow-system-access',
    '-profile', profile, '--no-remote', 'about:blank'], { detached: true, env: firefoxEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer) => { log = (log + b.toString()).slice(-4000); };
  proc.stdout.on('data', keep); proc.stderr.on('data', keep);
  let gone: string | undefined; // why Firefox is not running (any more)
  const exited = new Promise<void>((r) => {
    proc.once('exit', (code, signal) => { gone = `Firefox exited (${signal ?? code})`; r(); });
    proc.once('error', (e) => { gone = `Could not start ${firefoxPath()}: ${e.message}`; r(); });
  });
  const killGroup = () => { try { process.kill(-proc.pid!, 'SIGKILL'); } catch { /* already gone */ } };
  process.once('exit', killGroup);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let sock: ReturnType<typeof connect> | undefined;
  const close = async () => {
    if (sock && !sock.destroyed) await Promise.race([send('Marionette:Quit', { flags: ['eForceQuit'] }).catch(() => {}), sleep(5_000, undefined, { ref: false })]);
    sock?.destroy();
    if (!gone) {
      await Promise.race([exited, sleep(10_000, undefined, { ref: false })]);
      killGroup();
    }
    process.removeListener('exit', killGroup);
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  const send = <T>(command: string, params: object = {}): Promise<T> => new Promise((resolve, reject) => {
    if (!sock || sock.destroyed) return reject(new Error(`Marionette ${command}: not connected`));
    const id = nextId++;
    pending.set(id, { command, resolve: resolve as (v: unknown) => void, reject });
    const json = JSON.stringify([0, id, command, params]);
    sock.write(`${Buffer.byteLength(json)}:${json}`);
  });
  try {
    // Firefox writes the port it listens on into the profile once Marionette is up.
    const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
    let port = 0;
    while (!port) {
      if (gone) throw new Error(`${gone} before Marionette started:\n${log}`);
      if (Date.now() > deadline) throw new Error(`Timed out waiting for Marionette to listen:\n${log}`);
      port = Number(await readFile(path.join(profile, 'MarionetteActivePort'), 'utf8').catch(() => '0'));
      if (!port) await sleep(100);
    }
    const handshake = await new Promise<{ marionetteProtocol?: number }>((resolve, reject) => {
      let buf = Buffer.alloc(0);
      let greeted = false;
      sock = connect(port, '127.0.0.1');
      sock.on('error', reject); // later errors also end in 'close'
      sock.on('close', () => {
        reject(new Error(`Marionette closed the connection before its handshake\n${log}`));
        pending.forEach((p) => p.reject(new Error(`Marionette ${p.command}: connection closed\n${log}`)));
      });
      sock.on('data', (chunk: Buffer) => {
        buf = Buffer.concat([buf, chunk]);
        for (let colon = buf.indexOf(58); colon > 0; colon = buf.indexOf(58)) { // 58 = ':'
          const len = Number(buf.subarray(0, colon).toString());
          if (buf.length < colon + 1 + len) break;
          const msg: unknown = JSON.parse(buf.subarray(colon + 1, colon + 1 + len).toString());
          buf = buf.subarray(colon + 1 + len);
          if (!greeted) { greeted = true; resolve(msg as { marionetteProtocol?: number }); continue; }
          const [, id, error, result] = msg as [1, number, { error: string; message: string } | null, unknown];
          const p = pending.get(id);
          pending.delete(id);
          if (error) p?.reject(new Error(`Marionette ${p.command} failed: ${error.error}: ${error.message}`));
          else p?.resolve(result);
        }
      });
    });
    if (handshake.marionetteProtocol !== 3) throw new Error(`Unexpected Marionette handshake ${JSON.stringify(handshake)}`);
    await send('WebDriver:NewSession', { capabilities: {} });
    const { value: addonId } = await send<{ value: string }>('Addon:Install', { path: extensionDir, temporary: true });
    const baseUrl = `moz-extension://${uuid}/`;
    const execute = async <T>(script: string, args: unknown[] = []) =>
      (await send<{ value: T }>('WebDriver:ExecuteScript', { script, args })).value;
    const waitFor = async <T>(script: string, what: string, w: WaitOptions = {}): Promise<T> => {
      const until = Date.now() + (w.timeoutMs ?? 15_000);
      let lastError = '';
      for (;;) {
        const value = await execute<T>(script, w.args).catch((e: Error) => { lastError = e.message; return undefined; });
        if (value) return value;
        if (Date.now() > until || gone) break;
        await sleep(w.intervalMs ?? 100);
      }
      const url = await send<{ value: string }>('WebDriver:GetCurrentURL').then((r) => r.value, () => '?');
      const text = await execute<string>(INNER_TEXT).catch((e: Error) => `(unreadable: ${e.message})`);
      throw new Error(`Timed out after ${w.timeoutMs ?? 15_000} ms waiting for ${what} on ${url}.` +
        `${lastError ? ` Last script error: ${lastError}.` : ''}\nPage text (first 500 chars): ${JSON.stringify(text.slice(0, 500))}`);
    };
    return {
      uuid, baseUrl, addonId, send, execute, waitFor, close,
      navigate: async (to) => { await send('WebDriver:Navigate', { url: /^[a-z-]+:/.test(to) ? to : baseUrl + to }); },
      waitForText: async (texts, timeoutMs) => {
        const all = typeof texts === 'string' ? [texts] : texts;
        await waitFor(`const t = document.body ? document.body.innerText : '';
          return arguments[0].every((s) => t.includes(s));`, `text ${all.map((s) => JSON.stringify(s)).join(' and ')}`,
        { timeoutMs, args: [all] });
      },
      click: async (selector, timeoutMs) => {
        const el = await waitFor<Record<string, string>>(FIND, `an element matching ${selector}`, { timeoutMs, args: [selector] });
        await send('WebDriver:ElementClick', { id: Object.values(el)[0] }); // a web element reference
      },
    };
  } catch (e) {
    await close();
    throw e;
  }
}
