import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hostname } from 'node:os';
import { WebhookPayload } from '../../utils/model/webhook';
import type { Db } from '../db/connect';
import { jsonLogger, type Logger } from '../log';
import {
  anyDue,
  claimDueDeliveries,
  defaultDeliveriesPerMinute,
  markDelivered,
  markFailed,
  markRetry,
  pruneDeliveries,
  releaseClaim,
  type AttemptResult,
  type ClaimedDelivery,
} from './queue';
import { defaultRetrySchedule, maxAttempts, parseDuration, parseDurations, retryDelay, type RetrySchedule } from './schedule';
import { signatureOf } from './signature';
import { onWebhookDeliveriesQueued } from './signal';
import { slackBody } from './slack';
import { addressRefusal, bareHost, guardedLookup, WebhookTargetError, webhookTargetsFromEnv, webhookTargetsOf, type WebhookTargetOptions } from './targets';

/**
 * Sends queued deliveries. Every server process runs one; they share the queue in the
 * database and claim rows from it (see queue.ts), so a delivery goes out from one process at
 * a time, at least once, in no particular order (receivers drop repeats by
 * `x-tandem-delivery`).
 *
 * It polls every `pollMs`, and at once when this process queued something. Each round
 * claims up to `batchSize` due deliveries (no more than `perMinute` per workspace in any
 * minute) and POSTs them side by side, each with `timeoutMs`, over a connection of its own to
 * an address checked in the socket's lookup (targets.ts); a 2xx is delivered, anything else
 * (another status, a redirect, no answer, a refused address) is retried on `schedule`, then
 * failed. The log keeps the status and a fixed sentence, never what the receiver answered.
 */
export interface WebhookWorkerOptions {
  db: Db;
  logger?: Logger;
  pollMs?: number;
  /** How long a claim holds. Longer than a send may take (`timeoutMs`), or another process could send it too. */
  leaseMs?: number;
  timeoutMs?: number;
  batchSize?: number;
  schedule?: RetrySchedule;
  /** On stop, how long sends in flight may take before they are aborted and their claims released. */
  stopGraceMs?: number;
  /** How long the log keeps deliveries that were delivered or failed. */
  retentionMs?: number;
  /** Names this process in claims; unique per worker unless given. */
  workerId?: string;
  /** Deliveries one workspace may send in any minute; the rest wait their turn. */
  perMinute?: number;
  /** Where deliveries may go (default: the setting the server keeps with `db`, else the environment's). */
  targets?: WebhookTargetOptions;
}

export interface WebhookWorker {
  workerId: string;
  /** Stops claiming; lets sends in flight finish (or, after stopGraceMs, aborts them and releases their claims). */
  stop(): Promise<void>;
}

const day = 24 * 60 * 60 * 1000;

export const webhookWorkerDefaults = {
  pollMs: 1000,
  leaseMs: 60_000,
  timeoutMs: 10_000,
  batchSize: 10,
  stopGraceMs: 5000,
  retentionMs: 30 * day,
  perMinute: defaultDeliveriesPerMinute,
} as const;

/**
 * The worker's settings from the environment (`npm run serve`), or false when
 * TANDEM_WEBHOOKS=off (this process sends nothing; deliveries still queue for others).
 *
 *   TANDEM_WEBHOOK_RETRY_DELAYS   waits between attempts (default 10s,30s,2m,5m,15m,30m,1h,2h,4h,6h,8h:
 *                                 12 attempts over about 22 h)
 *   TANDEM_WEBHOOK_RETRY_JITTER   ± fraction of each wait (default 0.2)
 *   TANDEM_WEBHOOK_TIMEOUT        per attempt (default 10s)
 *   TANDEM_WEBHOOK_POLL           how often to look for due deliveries (default 1s)
 *   TANDEM_WEBHOOK_LEASE          how long a claim holds (default 60s, or the timeout + 30s if
 *                                 longer; at least the timeout + 5s)
 *   TANDEM_WEBHOOK_PER_MINUTE     deliveries one workspace may send in any minute (default 60);
 *                                 the rest stay queued and go out in the next minutes
 *   TANDEM_WEBHOOKS_ALLOW_PRIVATE 1 to let webhooks reach private and loopback addresses
 *                                 (targets.ts; checked here, read where webhooks are added and sent)
 *
 * Durations are like 500ms, 10s, 2m, 1h; a bare number is milliseconds.
 */
export function webhookWorkerOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<WebhookWorkerOptions, 'db' | 'logger'> | false {
  // Read again where webhooks are added and sent (targets.ts); a value that means nothing stops the start here.
  webhookTargetsFromEnv(env);
  if (/^(off|false|0|no)$/i.test(env.TANDEM_WEBHOOKS ?? '')) return false;
  const options: Omit<WebhookWorkerOptions, 'db' | 'logger'> = {};
  const delays = env.TANDEM_WEBHOOK_RETRY_DELAYS?.trim();
  const jitter = env.TANDEM_WEBHOOK_RETRY_JITTER?.trim();
  if (delays || jitter) {
    const value = jitter ? Number(jitter) : defaultRetrySchedule.jitter;
    if (!(value >= 0 && value < 1)) throw new Error(`TANDEM_WEBHOOK_RETRY_JITTER is a fraction from 0 to below 1, not “${jitter}”.`);
    options.schedule = { delaysMs: delays ? parseDurations(delays, 'TANDEM_WEBHOOK_RETRY_DELAYS') : defaultRetrySchedule.delaysMs, jitter: value };
  }
  const duration = (name: string) => {
    const text = env[name]?.trim();
    return text ? parseDuration(text, name) : undefined;
  };
  const timeoutMs = duration('TANDEM_WEBHOOK_TIMEOUT');
  const pollMs = duration('TANDEM_WEBHOOK_POLL');
  const leaseMs = duration('TANDEM_WEBHOOK_LEASE');
  if (timeoutMs !== undefined) options.timeoutMs = timeoutMs;
  if (pollMs !== undefined) options.pollMs = pollMs;
  if (leaseMs !== undefined) options.leaseMs = leaseMs;
  const perMinute = env.TANDEM_WEBHOOK_PER_MINUTE?.trim();
  if (perMinute) {
    if (!/^\d{1,9}$/.test(perMinute) || Number(perMinute) < 1) throw new Error(`TANDEM_WEBHOOK_PER_MINUTE is a whole number of deliveries, 1 or more, not “${perMinute}”.`);
    options.perMinute = Number(perMinute);
  }
  checkTimes(times(options));
  return options;
}

/** The times a worker runs with: the lease, unless given, outlasts the timeout by 30 s at least. */
function times({ pollMs, timeoutMs, leaseMs }: Pick<WebhookWorkerOptions, 'pollMs' | 'timeoutMs' | 'leaseMs'>) {
  const timeout = timeoutMs ?? webhookWorkerDefaults.timeoutMs;
  return { pollMs: pollMs ?? webhookWorkerDefaults.pollMs, timeoutMs: timeout, leaseMs: leaseMs ?? Math.max(webhookWorkerDefaults.leaseMs, timeout + 30_000) };
}

function checkTimes({ timeoutMs, leaseMs, pollMs }: { timeoutMs: number; leaseMs: number; pollMs: number }) {
  if (timeoutMs < 100) throw new Error('The webhook timeout is under 100 ms.');
  if (pollMs < 10) throw new Error('The webhook poll interval is under 10 ms.');
  // A claim must outlast a send (and the statements around it), or another process could take it mid-send.
  if (leaseMs < timeoutMs + 5000) throw new Error(`The webhook lease (${leaseMs} ms) must be at least 5 s longer than the timeout (${timeoutMs} ms).`);
}

interface Hook {
  id: string;
  url: string;
  format: string;
  secret: string;
}

export function startWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, logger = jsonLogger, schedule = defaultRetrySchedule } = options;
  const { batchSize, stopGraceMs, retentionMs, perMinute } = { ...webhookWorkerDefaults, ...withoutUndefined(options) };
  if (!(Number.isInteger(perMinute) && perMinute >= 1)) throw new Error(`The webhook cap per workspace (${perMinute} a minute) is not a whole number from 1.`);
  if (!options.targets) webhookTargetsOf(db); // an unreadable setting stops the start
  const { pollMs, leaseMs, timeoutMs } = times(options);
  checkTimes({ pollMs, leaseMs, timeoutMs });
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const aborting = new AbortController();
  let claims = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let prunedAt = 0;

  const wait = (ms: number) => {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  const unsubscribe = onWebhookDeliveriesQueued(() => {
    if (running) again = true;
    else wait(0);
  });

  function tick() {
    if (stopping || running) return;
    running = (async () => {
      do {
        again = false;
        if ((await round()) >= batchSize) again = true;
      } while (again && !stopping);
    })()
      .catch((error: unknown) => logger('error', 'webhook worker failed', { workerId, error: String(error) }))
      .finally(() => {
        running = undefined;
        wait(pollMs);
      });
  }

  async function round(): Promise<number> {
    if (Date.now() - prunedAt > 60 * 60 * 1000) {
      prunedAt = Date.now();
      await pruneDeliveries(db, retentionMs);
    }
    if (!(await anyDue(db, perMinute)) || stopping) return 0;
    const claim = `${workerId}/${++claims}`;
    const claimed = await claimDueDeliveries(db, claim, leaseMs, batchSize, perMinute);
    if (!claimed.length) return 0;
    const ids = [...new Set(claimed.map((d) => d.webhookId))];
    const hooks = new Map(
      (await db.kysely.selectFrom('webhooks').select(['id', 'url', 'format', 'secret']).where('id', 'in', ids).execute()).map((h): [string, Hook] => [h.id, h]),
    );
    // Every send finishes (or fails) before the round does, so stop() waits for all of them.
    const settled = await Promise.allSettled(claimed.map((delivery) => deliver(delivery, hooks.get(delivery.webhookId), claim)));
    const failure = settled.find((s) => s.status === 'rejected');
    if (failure) throw failure.reason;
    return claimed.length;
  }

  async function deliver(delivery: ClaimedDelivery, hook: Hook | undefined, claim: string): Promise<void> {
    // Its webhook was removed since the claim: so were its deliveries, this one too.
    if (!hook) return;
    const fields = { deliveryId: delivery.id, webhookId: hook.id, event: delivery.event, attempt: delivery.attempts };
    const body = delivery.payload === null ? undefined : bodyOf(delivery.payload, hook.format);
    if (body === undefined || delivery.attempts > maxAttempts(schedule)) {
      // A process died while sending its last attempt (or the row is damaged): give up.
      const error = body === undefined ? 'The stored payload could not be read.' : 'Gave up: the process sending the last attempt stopped before it finished.';
      await markFailed(db, delivery.id, claim, { status: null, error }, false);
      logger('warn', 'webhook delivery failed', { ...fields, error });
      return;
    }
    const started = performance.now();
    const result = redacted(await send(hook, delivery, body), hook.url);
    const ms = Math.round(performance.now() - started);
    if (result === 'aborted') {
      await releaseClaim(db, delivery.id, claim);
      logger('info', 'webhook delivery released', { ...fields, reason: 'the server is stopping' });
      return;
    }
    if (result.error === null) {
      const held = await markDelivered(db, delivery.id, claim, result);
      logger('info', 'webhook delivered', { ...fields, responseStatus: result.status, ms, ...(held ? {} : { note: 'its claim had lapsed' }) });
      return;
    }
    const delay = retryDelay(schedule, delivery.attempts);
    if (delay === null) {
      await markFailed(db, delivery.id, claim, result);
      logger('warn', 'webhook delivery failed', { ...fields, responseStatus: result.status, error: result.error, ms, gaveUpAfter: delivery.attempts });
    } else {
      await markRetry(db, delivery.id, claim, result, delay);
      logger('warn', 'webhook attempt failed', { ...fields, responseStatus: result.status, error: result.error, ms, retryInMs: delay });
    }
  }

  async function send(hook: Hook, delivery: ClaimedDelivery, body: string): Promise<AttemptResult | 'aborted'> {
    const targets = options.targets ?? webhookTargetsOf(db);
    let url: URL;
    try {
      url = new URL(hook.url);
    } catch {
      return { status: null, error: 'The webhook URL is not a URL.' };
    }
    const host = bareHost(url.hostname);
    // A socket never looks up a literal address, so its lookup cannot check one: checked here.
    const refused = isIP(host) ? addressRefusal(host, targets) : undefined;
    if (refused) return { status: null, error: refused.message };
    const timestamp = Math.floor(Date.now() / 1000);
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const status = await post(url, host, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tandem-Webhooks/1',
          'x-tandem-event': delivery.event,
          'x-tandem-delivery': delivery.id,
          'x-tandem-timestamp': String(timestamp),
          'x-tandem-signature': signatureOf(hook.secret, timestamp, body),
        },
        body,
        lookup: guardedLookup(targets),
        signal: AbortSignal.any([timeout, aborting.signal]),
      });
      if (status >= 200 && status < 300) return { status, error: null };
      // A redirect is not followed: it could lead anywhere, in clear, past the address check.
      if (status >= 300 && status < 400) return { status, error: `HTTP ${status}: redirects are not followed.` };
      return { status, error: `HTTP ${status}` };
    } catch (error) {
      if (aborting.signal.aborted) return 'aborted';
      if (timeout.aborted) return { status: null, error: `No answer within ${timeoutMs / 1000} s.` };
      if (error instanceof WebhookTargetError) return { status: null, error: error.message };
      return { status: null, error: connectionError(error) };
    }
  }

  wait(0);

  let stopped: Promise<void> | undefined;
  return {
    workerId,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true;
        clearTimeout(timer);
        unsubscribe();
        const current = running;
        if (!current) return;
        let graceTimer: NodeJS.Timeout | undefined;
        const inTime = await Promise.race([
          current.then(() => true),
          new Promise<boolean>((done) => (graceTimer = setTimeout(() => done(false), stopGraceMs))),
        ]);
        clearTimeout(graceTimer);
        if (!inTime) aborting.abort();
        await current;
      })()),
  };
}

/** What a webhook of that format receives, or undefined when the payload is unreadable. */
function bodyOf(payload: string, format: string): string | undefined {
  if (format !== 'slack') return payload;
  try {
    return slackBody(WebhookPayload.parse(JSON.parse(payload)).data.summary);
  } catch {
    return undefined;
  }
}

interface Post {
  headers: Record<string, string>;
  body: string;
  lookup: ReturnType<typeof guardedLookup>;
  signal: AbortSignal;
}

/**
 * POSTs `body` to `url` over a connection of its own (no pooled socket that an earlier lookup
 * opened) whose address comes from `lookup`, and resolves with the answer's status as soon as
 * it arrives. Nothing else of the answer is read or kept: not its body, not its headers.
 */
function post(url: URL, host: string, { headers, body, lookup, signal }: Post): Promise<number> {
  return new Promise((done, fail) => {
    const request = (url.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        agent: false,
        lookup,
        signal,
      },
      (response) => {
        response.on('error', () => undefined);
        done(response.statusCode ?? 0);
        response.destroy();
      },
    );
    request.on('error', fail);
    request.end(body);
  });
}

/** Why a connection failed, in a fixed sentence with the system's code: never text a receiver sent. */
const connectionWords: Record<string, string> = {
  ECONNREFUSED: 'The connection was refused',
  ECONNRESET: 'The connection was closed before an answer',
  ENOTFOUND: "The host name doesn't resolve",
  EAI_AGAIN: 'The host name could not be resolved just now',
  EHOSTUNREACH: 'The host is unreachable',
  ENETUNREACH: 'The network is unreachable',
  ETIMEDOUT: 'The connection timed out',
  EPIPE: 'The connection was closed while sending',
};

function connectionError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,60}$/.test(code) ? code : undefined;
  if (!known) return 'The request failed.';
  const words = connectionWords[known];
  if (words) return `${words} (${known}).`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/.test(known)) return `The receiver's TLS certificate was not accepted (${known}).`;
  if (/TLS|SSL|EPROTO/.test(known)) return `The TLS connection failed (${known}).`;
  return `The request failed (${known}).`;
}

/** An error that quotes the URL names only its origin: a path may hold a token (Slack's do). */
function redacted(result: AttemptResult | 'aborted', url: string): AttemptResult | 'aborted' {
  if (result === 'aborted' || result.error === null || !result.error.includes(url)) return result;
  return { status: result.status, error: result.error.replaceAll(url, `${new URL(url).origin}/…`) };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
