import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import type { Logger } from '../../server/log';
import { startServer, type RunningServer } from '../../server/main';
import { addWebhook, queueTestDelivery } from '../../server/webhooks/store';
import { checkWebhookUrl, useWebhookTargets, webhookTargetsFromEnv, WebhookTargetError, type Resolver, type WebhookTargetOptions } from '../../server/webhooks/targets';
import { startWebhookWorker, webhookWorkerDefaults, webhookWorkerOptionsFromEnv, type WebhookWorker } from '../../server/webhooks/worker';
import { CreateWebhookResponse, WebhookDeliveriesResponse, WebhooksResponse, WebhookTestResponse, type WebhookDelivery } from '../../utils/model/webhook';
import { call, createTeam, exact, expectError, type Team } from './client';
import { spyOnConnections, type ConnectionSpy } from './connection-spy';
import { databaseKinds, freshDatabase, type FreshDatabase } from './databases';
import { startReceiver, type Receiver } from './webhooks-receiver';

/**
 * Where webhooks may point (issue 17): private, loopback, link-local … addresses are refused
 * unless the operator allows them, cloud metadata services always; checked when a webhook is
 * added and again in each delivery's socket lookup; no redirect followed; nothing a receiver
 * answers kept but its status; at most so many deliveries per workspace a minute.
 *
 * No test here connects anywhere but 127.0.0.1 (see connection-spy.ts), and none asks a real
 * DNS server: host names resolve through a stub.
 */

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `check` until it returns a value; on timeout, says what the last failed check threw. */
async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
  let last: unknown;
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(25)) {
    try {
      const value = await check();
      if (value !== undefined) return value;
      last = undefined;
    } catch (error) {
      last = error;
    }
  }
  throw new Error(`${what} did not come to pass in ${timeoutMs} ms${last === undefined ? '' : `: ${String(last)}`}`);
}

/** A resolver whose answers a test sets, counting what it was asked. */
function stubResolver(table: Record<string, string[]> = {}) {
  const names = new Map(Object.entries(table));
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
    const found = names.get(hostname);
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, names, asked };
}

const privateRule = "Webhook URLs can't point at private or loopback addresses";
const metadataRule = "Webhook URLs can't point at a cloud metadata service";

/** Literal URLs refused by default, with what the refusal says. */
const refusedLiterals: [string, string][] = [
  ['http://127.0.0.1:9/h', `${privateRule} (127.0.0.1 is loopback).`],
  ['https://127.1.2.3/h', `${privateRule} (127.1.2.3 is loopback).`],
  ['http://[::1]:8080/h', `${privateRule} (::1 is loopback).`],
  ['https://0x7f000001/h', `${privateRule} (127.0.0.1 is loopback).`],
  ['https://10.0.0.1/', `${privateRule} (10.0.0.1 is private).`],
  ['https://172.16.5.4/h', `${privateRule} (172.16.5.4 is private).`],
  ['https://192.168.1.10/h', `${privateRule} (192.168.1.10 is private).`],
  ['https://169.254.10.20/h', `${privateRule} (169.254.10.20 is link-local).`],
  ['https://[fe80::1]/h', `${privateRule} (fe80::1 is link-local).`],
  ['https://[fd12:3456::1]/h', `${privateRule} (fd12:3456::1 is unique-local (private IPv6)).`],
  ['https://100.64.0.1/h', `${privateRule} (100.64.0.1 is carrier-grade NAT space (100.64.0.0/10)).`],
  ['https://224.0.0.1/h', `${privateRule} (224.0.0.1 is multicast).`],
  ['https://[ff02::1]/h', `${privateRule} (ff02::1 is multicast).`],
  ['https://0.0.0.0/h', `${privateRule} (0.0.0.0 is unspecified (0.0.0.0/8 or ::)).`],
  ['https://0.1.2.3/h', `${privateRule} (0.1.2.3 is unspecified (0.0.0.0/8 or ::)).`],
  ['https://[::]/h', `${privateRule} (:: is unspecified (0.0.0.0/8 or ::)).`],
  ['https://[::ffff:10.0.0.1]/h', `${privateRule} (::ffff:a00:1 is 10.0.0.1, which is private).`],
  ['https://[::ffff:127.0.0.1]/h', `${privateRule} (::ffff:7f00:1 is 127.0.0.1, which is loopback).`],
  ['https://[64:ff9b::c0a8:101]/h', `${privateRule} (64:ff9b::c0a8:101 is 192.168.1.1, which is private).`],
  ['https://198.51.100.7/h', `${privateRule} (198.51.100.7 is reserved, not a public address).`],
  ['http://localhost:9/h', `${privateRule} (localhost is loopback).`],
  ['https://169.254.169.254/latest/meta-data/', `${metadataRule} (169.254.169.254 is a cloud metadata address).`],
  ['https://[fd00:ec2::254]/latest/meta-data/', `${metadataRule} (fd00:ec2::254 is a cloud metadata address).`],
  ['https://[::ffff:169.254.169.254]/', `${metadataRule} (::ffff:a9fe:a9fe is 169.254.169.254, which is a cloud metadata address).`],
  ['https://metadata.google.internal/computeMetadata/v1/', `${metadataRule} (metadata.google.internal is a cloud metadata service).`],
  ['https://metadata.google.internal./computeMetadata/v1/', `${metadataRule} (metadata.google.internal is a cloud metadata service).`],
];

describe('which webhook URLs are refused', () => {
  it('refuses private, loopback, link-local, unique-local, CGNAT, multicast, unspecified, IPv4-mapped and metadata addresses by default, resolving nothing', async () => {
    const { resolve, asked } = stubResolver();
    for (const [url, message] of refusedLiterals) {
      const error = await checkWebhookUrl(url, { resolve }).then(() => undefined, (e: unknown) => e);
      expect(error, url).toBeInstanceOf(WebhookTargetError);
      expect((error as WebhookTargetError).message, url).toBe(message);
      expect((error as WebhookTargetError).code).toBe('invalid');
      expect((error as WebhookTargetError).rule).toBe(message.startsWith(metadataRule) ? 'metadata-service' : 'private-address');
    }
    expect(asked, 'literal addresses and special names are never looked up').toEqual([]);
    for (const url of ['https://93.184.216.34/h', 'https://[2606:4700::1111]/h', 'https://8.8.8.8:8443/x']) await checkWebhookUrl(url, { resolve });
  });

  it("with the operator's setting, allows private and loopback addresses, never a metadata service", async () => {
    const { resolve, asked } = stubResolver();
    for (const [url, message] of refusedLiterals) {
      const result = await checkWebhookUrl(url, { allowPrivate: true, resolve }).then(() => 'accepted', (e: Error) => e.message);
      expect(result, url).toBe(message.startsWith(metadataRule) ? message : 'accepted');
    }
    expect(asked).toEqual([]);
  });

  it('resolves a host name and refuses it when any of its addresses is refused', async () => {
    const { resolve, asked } = stubResolver({
      'intranet.example': ['10.0.0.1'],
      'mixed.example': ['93.184.216.34', '10.0.0.1'],
      'v6.example': ['2606:4700::1111', 'fe80::2'],
      'imds.example': ['169.254.169.254'],
      'public.example': ['93.184.216.34', '2606:4700::1111'],
    });
    const refused = async (url: string, options: WebhookTargetOptions = {}) => checkWebhookUrl(url, { resolve, ...options }).then(() => 'accepted', (e: Error) => e.message);
    expect(await refused('https://intranet.example/h')).toBe(`${privateRule} (intranet.example resolves to 10.0.0.1, which is private).`);
    expect(await refused('https://mixed.example/h')).toBe(`${privateRule} (mixed.example resolves to 10.0.0.1, which is private).`);
    expect(await refused('https://v6.example/h')).toBe(`${privateRule} (v6.example resolves to fe80::2, which is link-local).`);
    expect(await refused('https://imds.example/h')).toBe(`${metadataRule} (imds.example resolves to 169.254.169.254, which is a cloud metadata address).`);
    expect(await refused('https://api.localhost/h')).toBe(`${privateRule} (api.localhost is loopback).`);
    expect(await refused('https://public.example/h')).toBe('accepted');
    // A name that resolves nowhere now is let through: every delivery resolves and checks it again.
    expect(await refused('https://nowhere.example/h')).toBe('accepted');
    expect(asked).toEqual(['intranet.example', 'mixed.example', 'v6.example', 'imds.example', 'public.example', 'nowhere.example']);
    // With private addresses allowed, names are not resolved when added (each delivery checks the metadata rule).
    expect(await refused('https://intranet.example/h', { allowPrivate: true })).toBe('accepted');
    expect(asked).toHaveLength(6);
  });

  it('reads the setting and the cap from the environment, and refuses nonsense', () => {
    expect(webhookTargetsFromEnv({})).toEqual({ allowPrivate: false });
    expect(() => webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOKS_ALLOW_PRIVATE: 'please', TANDEM_WEBHOOKS: 'off' }), 'checked at start even with the worker off').toThrow(/TANDEM_WEBHOOKS_ALLOW_PRIVATE/);
    for (const on of ['1', 'true', 'YES', 'on']) expect(webhookTargetsFromEnv({ TANDEM_WEBHOOKS_ALLOW_PRIVATE: on })).toEqual({ allowPrivate: true });
    for (const off of ['0', 'false', 'no', 'off', ' ']) expect(webhookTargetsFromEnv({ TANDEM_WEBHOOKS_ALLOW_PRIVATE: off })).toEqual({ allowPrivate: false });
    expect(() => webhookTargetsFromEnv({ TANDEM_WEBHOOKS_ALLOW_PRIVATE: 'please' })).toThrow(/TANDEM_WEBHOOKS_ALLOW_PRIVATE is 1 .* not “please”/);

    expect(webhookWorkerDefaults.perMinute).toBe(60);
    expect(webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_PER_MINUTE: '30' })).toEqual({ perMinute: 30 });
    for (const bad of ['0', '-5', '2.5', 'lots']) expect(() => webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_PER_MINUTE: bad }), bad).toThrow(/TANDEM_WEBHOOK_PER_MINUTE/);
  });
});

type App = ReturnType<typeof createApp>;

const shortSchedule = { delaysMs: Array.from({ length: 5 }, () => 150), jitter: 0 };

describe.each(databaseKinds)('webhook targets and deliveries on %s', (kind) => {
  let fresh: FreshDatabase;
  let db: Db;
  let app: App;
  let spy: ConnectionSpy;
  const resolver = stubResolver();
  const logLines: string[] = [];
  const logger: Logger = (level, msg, fields = {}) => void logLines.push(JSON.stringify({ level, msg, ...fields }));
  const workers: WebhookWorker[] = [];
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.location);
    app = createApp({ db, logger, rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 } });
  });

  beforeEach(async () => {
    // The default: nothing private allowed. Tests that need loopback receivers say so.
    useWebhookTargets(db, { resolve: resolver.resolve });
    spy = await spyOnConnections((name) => resolver.names.get(name));
  });

  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    // No test leaves deliveries behind for the next one's worker (which may allow what this one refused).
    await db.kysely.deleteFrom('webhook_deliveries').execute();
    await db.kysely.deleteFrom('webhooks').execute();
    await Promise.all(receivers.splice(0).map((r) => r.close()));
    await spy.restore();
  });

  afterAll(async () => {
    await db?.close();
    await sleep(200); // let pg's sockets close before the forced drop
    await fresh?.drop();
  });

  const admin = (t: Team) => {
    const raw = (method: string, path: string, body?: unknown) =>
      call(app, `/v1/admin${path}`, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, t.admin.token);
    return {
      raw,
      add: async (url: string) => {
        const answer = await raw('POST', '/webhooks', { url, events: ['lead.captured'] });
        expect(answer.status, JSON.stringify(answer.body)).toBe(201);
        return exact(CreateWebhookResponse, answer.body);
      },
      deliveries: async (id: string) => exact(WebhookDeliveriesResponse, (await raw('GET', `/webhooks/${id}/deliveries`)).body).deliveries,
      list: async () => exact(WebhooksResponse, (await raw('GET', '/webhooks')).body).webhooks,
    };
  };

  async function receiver(options: Parameters<typeof startReceiver>[0] = {}) {
    const started = await startReceiver(options);
    receivers.push(started);
    return started;
  }

  function worker(targets: WebhookTargetOptions, more: { perMinute?: number } = {}) {
    const started = startWebhookWorker({ db, logger, pollMs: 50, timeoutMs: 2000, leaseMs: 7000, schedule: shortSchedule, stopGraceMs: 1000, targets, ...more });
    workers.push(started);
    return started;
  }

  const firstAttempt = (t: Team, webhookId: string) =>
    eventually(async () => {
      const [d] = await admin(t).deliveries(webhookId);
      return d && d.attempts >= 1 && d.lastAttemptAt ? d : undefined;
    }, 10_000, 'the first attempt');

  it("refuses a loopback receiver by default, naming the rule, and sends to it when the server starts with the operator's setting", async () => {
    const hook = await receiver();
    const t = await createTeam(db, 'Loopback');
    const post = (server: RunningServer, path: string, body?: unknown) =>
      fetch(`${server.url}/v1/admin${path}`, { method: 'POST', headers: { authorization: `Bearer ${t.admin.token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const quiet: Logger = () => {};
    // The server reads the setting from its environment, as `npm run serve` does.
    const setting = process.env.TANDEM_WEBHOOKS_ALLOW_PRIVATE;
    try {
      delete process.env.TANDEM_WEBHOOKS_ALLOW_PRIVATE;
      const plain = await startServer({ database: fresh.location, port: 0, logger: quiet, webhooks: false });
      try {
        const refused = await post(plain, '/webhooks', { url: hook.url, events: ['lead.captured'] });
        expect(refused.status).toBe(400);
        expect(await refused.json()).toEqual({ error: { code: 'invalid', message: `${privateRule} (127.0.0.1 is loopback).` } });
      } finally {
        await plain.close();
      }
      expect(await db.kysely.selectFrom('webhooks').select('id').where('workspace_id', '=', t.workspaceId).execute()).toEqual([]);

      // …and with TANDEM_WEBHOOKS_ALLOW_PRIVATE=1.
      process.env.TANDEM_WEBHOOKS_ALLOW_PRIVATE = '1';
      const allowing = await startServer({ database: fresh.location, port: 0, logger: quiet, webhooks: { pollMs: 50 } });
      try {
        const added = await post(allowing, '/webhooks', { url: hook.url, events: ['lead.captured'] });
        expect(added.status).toBe(201);
        const { webhookId } = CreateWebhookResponse.parse(await added.json());
        const test = await post(allowing, `/webhooks/${webhookId}/test`);
        expect(test.status).toBe(202);
        const { deliveryId } = WebhookTestResponse.parse(await test.json());
        await hook.waitFor((r) => r.length >= 1);
        expect(hook.received[0]!.headers['x-tandem-delivery']).toBe(deliveryId);
        // Metadata services stay refused, setting or not.
        const metadata = await post(allowing, '/webhooks', { url: 'https://169.254.169.254/latest/meta-data/', events: ['lead.captured'] });
        expect(metadata.status).toBe(400);
        expect(await metadata.json()).toEqual({ error: { code: 'invalid', message: `${metadataRule} (169.254.169.254 is a cloud metadata address).` } });
      } finally {
        await allowing.close();
      }
      // A value that means nothing stops the server from starting.
      process.env.TANDEM_WEBHOOKS_ALLOW_PRIVATE = 'maybe';
      await expect(startServer({ database: fresh.location, port: 0, logger: quiet })).rejects.toThrow(/TANDEM_WEBHOOKS_ALLOW_PRIVATE/);
    } finally {
      if (setting === undefined) delete process.env.TANDEM_WEBHOOKS_ALLOW_PRIVATE;
      else process.env.TANDEM_WEBHOOKS_ALLOW_PRIVATE = setting;
    }
    expect(spy.sentinelHits()).toBe(0);
  });

  it('refuses literal private, link-local, metadata, IPv4-mapped, CGNAT and multicast URLs through the admin API, with a 400 on the url', async () => {
    const t = await createTeam(db, 'Literals');
    const asked = resolver.asked.length;
    for (const [url, message] of refusedLiterals) {
      const answer = await admin(t).raw('POST', '/webhooks', { url, events: ['lead.captured'] });
      expect(answer.status, url).toBe(400);
      expect(answer.body, url).toEqual({ error: { code: 'invalid', message } });
    }
    expect(await admin(t).list()).toEqual([]);
    // Nothing was added, so nothing was audited; nothing was resolved or connected to.
    expect(await db.kysely.selectFrom('audit').select('action').where('workspace_id', '=', t.workspaceId).where('action', 'like', 'webhook.%').execute()).toEqual([]);
    expect(resolver.asked.slice(asked)).toEqual([]);
    expect(spy.attempts).toEqual([]);
  });

  it('refuses a host name that the resolver maps to 10.0.0.1 when it is added, and at delivery refuses it in the lookup, before any connection', async () => {
    const t = await createTeam(db, 'Names');
    resolver.names.set('intranet.example', ['10.0.0.1']);
    const message = `${privateRule} (intranet.example resolves to 10.0.0.1, which is private).`;
    const error = expectError(await admin(t).raw('POST', '/webhooks', { url: `https://intranet.example:${spy.port}/h`, events: ['lead.captured'] }), 400, 'invalid');
    expect(error.message).toBe(message);
    expect(await admin(t).list()).toEqual([]);

    // One added while the operator allowed private addresses; the server now runs without.
    const { webhookId } = await addWebhook(db, t.workspaceId, { url: `https://intranet.example:${spy.port}/h`, events: ['lead.captured'], format: 'json' }, null, { allowPrivate: true });
    const asked = resolver.asked.length;
    await queueTestDelivery(db, webhookId);
    worker({ resolve: resolver.resolve });
    const attempt = await firstAttempt(t, webhookId);
    expect(attempt).toMatchObject({ status: 'pending', responseStatus: null, lastError: message });
    expect(resolver.asked.slice(asked)).toContain('intranet.example');
    // The socket's lookup refused it: the socket was given no address, and nothing reached the sentinel.
    expect(spy.attempts.filter((a) => a.host === 'intranet.example')).toEqual(expect.arrayContaining([{ host: 'intranet.example', port: spy.port, error: message }]));
    expect(spy.attempts.filter((a) => a.addresses)).toEqual([]);
    expect(spy.sentinelHits()).toBe(0);
  });

  it('DNS rebinding: a name that resolved to a public address when added and to 10.0.0.1 at delivery fails in the lookup hook, with no connection', async () => {
    const t = await createTeam(db, 'Rebinding');
    resolver.names.set('rebind.example', ['93.184.216.34']);
    const url = `https://rebind.example:${spy.port}/hooks/tandem`;
    const { webhookId } = await admin(t).add(url);
    expect(resolver.asked.at(-1)).toBe('rebind.example');
    // The name now points inside the network.
    resolver.names.set('rebind.example', ['10.0.0.1']);
    await queueTestDelivery(db, webhookId);
    worker({ resolve: resolver.resolve });
    const message = `${privateRule} (rebind.example resolves to 10.0.0.1, which is private).`;
    const attempt = await firstAttempt(t, webhookId);
    expect(attempt).toMatchObject({ status: 'pending', responseStatus: null, lastError: message });
    const seen = spy.attempts.filter((a) => a.host === 'rebind.example');
    expect(seen.length).toBeGreaterThanOrEqual(1);
    for (const a of seen) expect(a).toEqual({ host: 'rebind.example', port: spy.port, error: message });
    expect(spy.sentinelHits(), 'no connection was made').toBe(0);
    expect(logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.webhookId === webhookId)).toMatchObject({ msg: 'webhook attempt failed', error: message });
  });

  it('at delivery, refuses a stored literal private address before opening a socket, and a metadata address even with private ones allowed', async () => {
    const t = await createTeam(db, 'Stored');
    const literal = await addWebhook(db, t.workspaceId, { url: `https://10.0.0.1:${spy.port}/h`, events: ['lead.captured'], format: 'json' }, null, { allowPrivate: true });
    resolver.names.set('sneaky.example', ['169.254.169.254']);
    const sneaky = await addWebhook(db, t.workspaceId, { url: `http://sneaky.example:${spy.port}/h`, events: ['lead.captured'], format: 'json' }, null, { allowPrivate: true });
    await queueTestDelivery(db, literal.webhookId);
    worker({ resolve: resolver.resolve });
    expect(await firstAttempt(t, literal.webhookId)).toMatchObject({ responseStatus: null, lastError: `${privateRule} (10.0.0.1 is private).` });
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await queueTestDelivery(db, sneaky.webhookId);
    worker({ allowPrivate: true, resolve: resolver.resolve });
    expect(await firstAttempt(t, sneaky.webhookId)).toMatchObject({
      responseStatus: null,
      lastError: `${metadataRule} (sneaky.example resolves to 169.254.169.254, which is a cloud metadata address).`,
    });
    expect(spy.attempts.filter((a) => a.addresses)).toEqual([]);
    expect(spy.sentinelHits()).toBe(0);
  });

  it('follows no redirect: a 3xx is a failed attempt with a fixed message', async () => {
    useWebhookTargets(db, { allowPrivate: true, resolve: resolver.resolve });
    const elsewhere = await receiver();
    const redirecting = await receiver({ respond: () => 307, reply: () => ({ headers: { location: elsewhere.url }, body: 'moved: see elsewhere' }) });
    const t = await createTeam(db, 'Redirect');
    const { webhookId } = await admin(t).add(redirecting.url);
    await queueTestDelivery(db, webhookId);
    worker({ allowPrivate: true, resolve: resolver.resolve });
    await redirecting.waitFor((r) => r.length >= 2);
    const [d] = await admin(t).deliveries(webhookId);
    expect(d).toMatchObject({ status: 'pending', responseStatus: 307, lastError: 'HTTP 307: redirects are not followed.' });
    expect(elsewhere.received).toEqual([]);
  });

  it("keeps only the status and a fixed sentence in the delivery log and the server log, never the receiver's body or headers", async () => {
    useWebhookTargets(db, { allowPrivate: true, resolve: resolver.resolve });
    const leaky = await receiver({ respond: () => 500, reply: () => ({ headers: { 'x-debug': 'LEAKED-HEADER-4242' }, body: 'Traceback: db password hunter2 at /srv/LEAKED-BODY-4242' }) });
    const gone = await receiver({ respond: () => 404, reply: () => ({ body: 'LEAKED-404-4242 no such route' }) });
    const t = await createTeam(db, 'Bodies');
    const five = await admin(t).add(leaky.url);
    const four = await admin(t).add(gone.url);
    await queueTestDelivery(db, five.webhookId);
    await queueTestDelivery(db, four.webhookId);
    worker({ allowPrivate: true, resolve: resolver.resolve });
    await leaky.waitFor((r) => r.length >= 2);
    await gone.waitFor((r) => r.length >= 2);
    const logs: WebhookDelivery[] = [...(await admin(t).deliveries(five.webhookId)), ...(await admin(t).deliveries(four.webhookId))];
    expect(logs.map((d) => [d.responseStatus, d.lastError])).toEqual([
      [500, 'HTTP 500'],
      [404, 'HTTP 404'],
    ]);
    const everything = JSON.stringify([logs, await admin(t).list(), logLines]);
    for (const leak of ['LEAKED', 'hunter2', 'Traceback', 'x-debug', 'no such route']) expect(everything).not.toContain(leak);
  });

  it('sends at most perMinute deliveries of a workspace in a minute; the rest stay queued and go once the minute has passed', async () => {
    useWebhookTargets(db, { allowPrivate: true, resolve: resolver.resolve });
    const busy = await createTeam(db, 'Busy');
    const calm = await createTeam(db, 'Calm');
    const busyHook = await receiver();
    const calmHook = await receiver();
    const busyWebhook = await admin(busy).add(busyHook.url);
    const calmWebhook = await admin(calm).add(calmHook.url);
    const queued = [];
    for (let i = 0; i < 5; i++) {
      queued.push((await queueTestDelivery(db, busyWebhook.webhookId)).deliveryId);
      await sleep(3); // each due a little after the one before
    }
    for (let i = 0; i < 2; i++) await queueTestDelivery(db, calmWebhook.webhookId);
    worker({ allowPrivate: true, resolve: resolver.resolve }, { perMinute: 3 });

    await busyHook.waitFor((r) => r.length >= 3);
    await calmHook.waitFor((r) => r.length >= 2);
    await sleep(600); // a dozen polls: nothing more for the busy workspace this minute
    expect(busyHook.received).toHaveLength(3);
    // The oldest three went; the other two wait, untried and not dropped.
    expect(busyHook.received.map((r) => r.headers['x-tandem-delivery'])).toEqual(expect.arrayContaining(queued.slice(0, 3)));
    const waiting = (await admin(busy).deliveries(busyWebhook.webhookId)).filter((d) => d.status === 'pending');
    expect(waiting.map((d) => d.deliveryId).sort()).toEqual(queued.slice(3).sort());
    for (const d of waiting) expect(d).toMatchObject({ attempts: 0, lastError: null, lastAttemptAt: null });

    // A minute later (the sent ones moved back in time): the two go out.
    await db.kysely
      .updateTable('webhook_deliveries')
      .set((eb) => ({ last_attempt_at: eb('last_attempt_at', '-', 61_000) }))
      .where('workspace_id', '=', busy.workspaceId)
      .where('status', '=', 'delivered')
      .execute();
    await busyHook.waitFor((r) => r.length >= 5);
    await sleep(300);
    expect(busyHook.received).toHaveLength(5);
    expect(new Set(busyHook.received.map((r) => r.headers['x-tandem-delivery']))).toEqual(new Set(queued));
  });
});
