import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connect';
import type { Logger } from '../../server/log';
import { claimDueDeliveries, markDelivered, markRetry, pruneDeliveries } from '../../server/webhooks/queue';
import { defaultRetrySchedule, maxAttempts, parseDurations, retryDelay } from '../../server/webhooks/schedule';
import { newWebhookSecret, signatureOf, verifyWebhookSignature } from '../../server/webhooks/signature';
import { slackBody, slackEscape } from '../../server/webhooks/slack';
import { addWebhook, queueTestDelivery } from '../../server/webhooks/store';
import { useWebhookTargets, type Resolver } from '../../server/webhooks/targets';
import { feedbackCreatedSummary, leadCapturedSummary } from '../../server/webhooks/summary';
import { startWebhookWorker, webhookWorkerOptionsFromEnv, type WebhookWorker } from '../../server/webhooks/worker';
import { AuditResponse, Feedback, type Role } from '../../utils/model';
import {
  CreateWebhookRequest,
  CreateWebhookResponse,
  RemoveWebhookResponse,
  WebhookDeliveriesResponse,
  WebhookPayload,
  WebhooksResponse,
  WebhookTestResponse,
  WebhookUrl,
} from '../../utils/model/webhook';
import { call, clientOf, createTeam, exact, expectError, make, newClientId, numbered, type Team } from './client';
import { databaseKinds, freshDatabase, type FreshDatabase } from './databases';
import { freePort } from './postgres';
import { startReceiver, type Receiver, type Received } from './webhooks-receiver';

const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const timestamp = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * These tests send to receivers on 127.0.0.1, so they run with the operator's setting that
 * allows private and loopback addresses (webhooks-targets.test.ts tests the default), and
 * with a resolver that knows only localhost: no test ever asks a real DNS server.
 */
const localOnly: Resolver = async (hostname) => {
  if (hostname === 'localhost') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`${hostname} is not resolved in tests`), { code: 'ENOTFOUND' });
};
const allowLoopback = { allowPrivate: true, resolve: localOnly };

/** Polls `check` until it returns a value that is not undefined (or stops throwing). */
async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000, what = 'the condition'): Promise<T> {
  let last: unknown;
  for (const until = Date.now() + timeoutMs; Date.now() < until; await sleep(25)) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
  }
  throw new Error(`${what} did not come to pass in ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}

/** What a receiver does with a delivery, done independently of the server's code. */
function expectSigned(received: Received, secret: string) {
  const timestamp = String(received.headers['x-tandem-timestamp']);
  const signature = String(received.headers['x-tandem-signature']);
  expect(timestamp).toMatch(/^\d+$/);
  expect(Math.abs(Date.now() / 1000 - Number(timestamp))).toBeLessThan(30);
  const mac = createHmac('sha256', secret).update(`${timestamp}.${received.body}`).digest('hex');
  expect(signature).toBe(`sha256=${mac}`);
  expect(verifyWebhookSignature(secret, { body: received.body, timestamp, signature })).toBe(true);
}

describe('webhook signatures, Slack text and the retry schedule', () => {
  it('signs so that a receiver can verify, and refuses a changed body, another secret, an old timestamp or a bad header', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64url')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);

    const body = JSON.stringify({ id: randomUUID(), event: 'ping', note: 'naïve “quotes” \u0000 🙂' });
    const now = 1_750_000_000;
    const signature = signatureOf(secret, now, body);
    expect(signature).toBe(`sha256=${createHmac('sha256', secret).update(`${now}.${body}`, 'utf8').digest('hex')}`);
    const ok = { body, timestamp: String(now), signature };
    expect(verifyWebhookSignature(secret, ok, { nowSeconds: now })).toBe(true);
    expect(verifyWebhookSignature(secret, ok, { nowSeconds: now + 299 })).toBe(true);
    expect(verifyWebhookSignature(secret, ok, { nowSeconds: now + 301 }), 'replayed too late').toBe(false);
    expect(verifyWebhookSignature(secret, ok, { nowSeconds: now - 301 }), 'from the future').toBe(false);
    expect(verifyWebhookSignature(secret, { ...ok, body: body.replace('ping', 'pong') }, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature(newWebhookSecret(), ok, { nowSeconds: now })).toBe(false);
    expect(verifyWebhookSignature(secret, { ...ok, timestamp: String(now + 1) }, { nowSeconds: now })).toBe(false);
    for (const bad of [undefined, null, '', 'sha256=', signature.toUpperCase(), signature.slice(0, -1), `${signature}0`, signature.replace('sha256=', 'sha1=')]) {
      expect(verifyWebhookSignature(secret, { ...ok, signature: bad }, { nowSeconds: now }), String(bad)).toBe(false);
    }
    for (const bad of [undefined, '', '12.5', '-1', 'now']) {
      expect(verifyWebhookSignature(secret, { ...ok, timestamp: bad }, { nowSeconds: now }), String(bad)).toBe(false);
    }
  });

  it('escapes &, < and > in Slack text, so nobody can mention a channel or hide a link', () => {
    expect(slackEscape('<!channel> please')).toBe('&lt;!channel&gt; please');
    expect(slackEscape('<!here|here> <@U024BE7LH> <#C024BE7LR>')).toBe('&lt;!here|here&gt; &lt;@U024BE7LH&gt; &lt;#C024BE7LR&gt;');
    expect(slackEscape('see <http://evil.example|your bank>')).toBe('see &lt;http://evil.example|your bank&gt;');
    expect(slackEscape('R&D & Sales')).toBe('R&amp;D &amp; Sales');
    // An entity someone typed stays text: its & is escaped first, never decoded.
    expect(slackEscape('&lt;!channel&gt;')).toBe('&amp;lt;!channel&amp;gt;');
    expect(slackEscape('plain words, *bold*, 10 > 5')).toBe('plain words, *bold*, 10 &gt; 5');
    const body = JSON.parse(slackBody("Eve <!channel> rejected <http://x|y>: 'A&B'")) as { text: string };
    expect(body).toEqual({ text: "Eve &lt;!channel&gt; rejected &lt;http://x|y&gt;: 'A&amp;B'" });
    expect(body.text).not.toMatch(/[<>]/);
  });

  it('retries after 10 s, 30 s, 2 min … 8 h with ±20 % jitter, 12 attempts in about 22 hours, then gives up', () => {
    const { delaysMs, jitter } = defaultRetrySchedule;
    expect(maxAttempts(defaultRetrySchedule)).toBe(12);
    expect(delaysMs.slice(0, 3)).toEqual([10_000, 30_000, 120_000]);
    expect([...delaysMs].sort((a, b) => a - b)).toEqual(delaysMs);
    const total = delaysMs.reduce((a, b) => a + b, 0);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(24);
    expect(jitter).toBe(0.2);
    for (const [i, base] of delaysMs.entries()) {
      expect(retryDelay(defaultRetrySchedule, i + 1, () => 0)).toBe(Math.round(base * 0.8));
      expect(retryDelay(defaultRetrySchedule, i + 1, () => 0.5)).toBe(base);
      expect(retryDelay(defaultRetrySchedule, i + 1, () => 0.999999)).toBeLessThanOrEqual(Math.round(base * 1.2));
      const random = retryDelay(defaultRetrySchedule, i + 1)!;
      expect(random).toBeGreaterThanOrEqual(base * 0.8 - 1);
      expect(random).toBeLessThanOrEqual(base * 1.2 + 1);
    }
    expect(retryDelay(defaultRetrySchedule, 12), 'after the 12th attempt: give up').toBeNull();
    expect(retryDelay(defaultRetrySchedule, 0)).toBeNull();
    expect(retryDelay({ delaysMs: [100, 200], jitter: 0 }, 2)).toBe(200);
    expect(retryDelay({ delaysMs: [100, 200], jitter: 0 }, 3)).toBeNull();
  });

  it('reads the schedule and the worker settings from the environment, and refuses nonsense', () => {
    expect(parseDurations('10s, 30s,2m,1h,250ms,100, 1.5s', 'X')).toEqual([10_000, 30_000, 120_000, 3_600_000, 250, 100, 1500]);
    expect(() => parseDurations('10s,soon', 'TANDEM_WEBHOOK_RETRY_DELAYS')).toThrow(/TANDEM_WEBHOOK_RETRY_DELAYS: “soon” is not a duration/);
    expect(() => parseDurations(' , ', 'X')).toThrow(/lists no durations/);
    expect(webhookWorkerOptionsFromEnv({})).toEqual({});
    expect(webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOKS: 'off' })).toBe(false);
    expect(
      webhookWorkerOptionsFromEnv({
        TANDEM_WEBHOOK_RETRY_DELAYS: '100ms,200ms',
        TANDEM_WEBHOOK_RETRY_JITTER: '0',
        TANDEM_WEBHOOK_TIMEOUT: '2s',
        TANDEM_WEBHOOK_POLL: '50',
        TANDEM_WEBHOOK_LEASE: '10s',
      }),
    ).toEqual({ schedule: { delaysMs: [100, 200], jitter: 0 }, timeoutMs: 2000, pollMs: 50, leaseMs: 10_000 });
    expect(webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_RETRY_JITTER: '0.5' })).toEqual({ schedule: { delaysMs: defaultRetrySchedule.delaysMs, jitter: 0.5 } });
    expect(() => webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_RETRY_JITTER: '2' })).toThrow(/JITTER/);
    expect(webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_TIMEOUT: '58s' }), 'the lease then outlasts the send').toEqual({ timeoutMs: 58_000 });
    expect(() => webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_TIMEOUT: '58s', TANDEM_WEBHOOK_LEASE: '1m' }), 'a lease about as short as a send').toThrow(/lease/);
    expect(() => webhookWorkerOptionsFromEnv({ TANDEM_WEBHOOK_POLL: 'often' })).toThrow(/TANDEM_WEBHOOK_POLL/);
  });

  it('takes https URLs, and http only to this machine; no other scheme, no credentials', () => {
    for (const url of ['https://hooks.slack.com/services/T0/B0/xyz', 'https://example.com:8443/a?b=c', 'http://localhost:9000/hook', 'http://127.0.0.1/x', 'http://[::1]:8080/']) {
      expect(WebhookUrl.safeParse(url).success, url).toBe(true);
    }
    for (const url of ['http://example.com/hook', 'http://10.0.0.1/', 'ftp://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://user:pass@example.com/', 'example.com', '', `https://example.com/${'a'.repeat(2000)}`]) {
      expect(WebhookUrl.safeParse(url).success, url).toBe(false);
    }
    expect(CreateWebhookRequest.parse({ url: ' https://example.com/h ', events: ['lead.captured', 'lead.captured'] })).toEqual({
      url: 'https://example.com/h',
      events: ['lead.captured'],
      format: 'json',
    });
  });

  it('sums events up in words, on one line, cut short', () => {
    const base = { id: randomUUID(), version: 1, deleted: false, updatedAt: new Date().toISOString(), createdAt: new Date().toISOString(), replies: [] };
    const feedback = Feedback.parse({
      ...base,
      subject: { contactKey: 'email:dana@contoso.com', contactName: 'Dana Whitfield', facts: { company: 'Contoso' } },
      verdict: 'reject',
      reasons: ['too-small'],
      note: 'only 12 people',
      author: { memberId: randomUUID(), name: 'Jordan Lee' },
    });
    expect(feedbackCreatedSummary(feedback)).toBe("Jordan Lee rejected Dana Whitfield (Contoso): too small — 'only 12 people'");
    const long = feedbackCreatedSummary({ ...feedback, verdict: 'nurture', reasons: [], note: `line one\n\nline two ${'x'.repeat(300)}`, subject: { contactKey: 'email:kim@example.com' } });
    expect(long).toMatch(/^Jordan Lee moved to nurture kim@example\.com — 'line one line two x+…'$/);
    expect(long.length).toBeLessThan(200);
    // Never a contact key: a record page as text, and a lead captured without a name or an email said in words.
    const page = feedbackCreatedSummary({ ...feedback, note: '', subject: { contactKey: 'url:https://crm.example.com/people/zq' } });
    expect(page).toBe('Jordan Lee rejected https://crm.example.com/people/zq: too small');
    const lead = feedbackCreatedSummary({ ...feedback, note: '', subject: { contactKey: `lead:${base.id}` } });
    expect(lead).toBe('Jordan Lee rejected an unnamed contact: too small');
    expect(
      leadCapturedSummary({ ...base, name: 'Grace Hopper', company: 'Navy', phones: [], source: 'gmail', status: 'new', notes: '', capturedBy: { memberId: randomUUID(), name: 'Sam Rep' } }),
    ).toBe('Sam Rep captured Grace Hopper (Navy) from Gmail');
  });
});

type App = ReturnType<typeof createApp>;

const shortSchedule = { delaysMs: Array.from({ length: 7 }, () => 150), jitter: 0 };

describe.each(databaseKinds)('webhooks on %s', (kind) => {
  let fresh: FreshDatabase;
  let db: Db;
  let app: App;
  let worker: WebhookWorker;
  const logLines: string[] = [];
  const logger: Logger = (level, msg, fields = {}) => void logLines.push(JSON.stringify({ level, msg, ...fields }));
  const receivers: Receiver[] = [];
  /** Every secret made here, with where it must never show up. */
  const made: { team: Team; webhookId: string; secret: string }[] = [];

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.location);
    useWebhookTargets(db, allowLoopback);
    app = createApp({ db, logger, rateLimit: { capacity: 1_000_000, refillPerSecond: 1_000_000 } });
    worker = startWebhookWorker({ db, logger, pollMs: 50, timeoutMs: 2000, leaseMs: 7000, schedule: shortSchedule, stopGraceMs: 1000 });
  });

  afterAll(async () => {
    await worker?.stop();
    await Promise.all(receivers.map((r) => r.close()));
    await db?.close();
    await sleep(200); // see webhooks-processes.test.ts: let pg's sockets close before the forced drop
    await fresh?.drop();
  });

  async function receiver(options: Parameters<typeof startReceiver>[0] = {}) {
    const started = await startReceiver(options);
    receivers.push(started);
    return started;
  }

  const api = (token: string) => {
    const raw = (method: string, path: string, body?: unknown) =>
      call(app, `/v1/admin${path}`, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) }, token);
    const ok = async <T>(schema: { parse(value: unknown): T }, status: number, answer: ReturnType<typeof raw>) => {
      const { status: got, body } = await answer;
      expect(got, JSON.stringify(body)).toBe(status);
      return exact(schema, body);
    };
    return {
      raw,
      add: (request: { url: string; events: string[]; format?: string }) => ok(CreateWebhookResponse, 201, raw('POST', '/webhooks', request)),
      list: async () => (await ok(WebhooksResponse, 200, raw('GET', '/webhooks'))).webhooks,
      remove: (id: string) => ok(RemoveWebhookResponse, 200, raw('DELETE', `/webhooks/${id}`)),
      deliveries: async (id: string, limit?: number) => (await ok(WebhookDeliveriesResponse, 200, raw('GET', `/webhooks/${id}/deliveries${limit ? `?limit=${limit}` : ''}`))).deliveries,
      test: (id: string) => ok(WebhookTestResponse, 202, raw('POST', `/webhooks/${id}/test`)),
      audit: async () => (await ok(AuditResponse, 200, call(app, '/v1/admin/audit', {}, token))).entries,
    };
  };

  async function team(name: string) {
    const t = await createTeam(db, name);
    return { ...t, admin$: api(t.admin.token), as: { admin: clientOf(app, t.admin.token), marketing: clientOf(app, t.marketing.token), sales: clientOf(app, t.sales.token) } };
  }

  async function webhook(t: Awaited<ReturnType<typeof team>>, url: string, events: string[] = ['feedback.created', 'feedback.replied', 'lead.captured', 'definition.published'], format?: string) {
    const added = await t.admin$.add({ url, events, ...(format ? { format } : {}) });
    made.push({ team: t, webhookId: added.webhookId, secret: added.secret });
    return added;
  }

  const payloadOf = (received: Received) => exact(WebhookPayload, JSON.parse(received.body));

  it('sends nothing queued about a contact erased before it went out', async () => {
    const t = await team('Erasure');
    // A receiver that refuses: the delivery about Dana waits for its retry when she is erased.
    const down = await receiver({ respond: () => 500 });
    const added = await webhook(t, down.url, ['feedback.created']);
    const cid = newClientId();
    const fid = randomUUID();
    expect(await t.as.sales.push(cid, numbered(1, make.feedback(fid, { subject: { contactKey: 'email:dana@contoso.com', contactName: 'Dana Whitfield' }, note: 'Call after the merger' })))).toEqual([{ id: 1, status: 'applied' }]);
    await down.waitFor((received) => received.length >= 1);
    await eventually(async () => (await t.admin$.deliveries(added.webhookId))[0]?.lastError, 5000, 'the first attempt to be recorded');
    const erase = await t.admin$.raw('POST', '/erase', { email: 'Dana@Contoso.com' });
    expect(erase.status, JSON.stringify(erase.body)).toBe(200);
    // Waiting: it fails at once. (Were it being sent at that moment, that attempt fails with nothing left to retry.)
    const rows = await eventually(async () => {
      const found = await db.kysely.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', added.webhookId).execute();
      return found.every((r) => r.status === 'failed') ? found : undefined;
    }, 5000, 'the delivery to fail');
    expect(rows.map((r) => [r.status, r.payload])).toEqual([['failed', null]]);
    const [log] = await t.admin$.deliveries(added.webhookId);
    expect(log).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/erased|could not be read/), nextAttemptAt: null });
    const entries = await t.admin$.audit();
    expect(entries.find((e) => e.action === 'contact.erase')?.details).toMatchObject({ feedback: 1, deliveries: 1 });
    const sent = down.received.length;
    await sleep(500); // three more retry slots: nothing more is sent
    expect(down.received).toHaveLength(sent);
    expect(down.received.length).toBeLessThanOrEqual(2);
  });

  it('lets only admins add webhooks, validates every field with a 400 (never a 500), and audits the change without the secret or path', async () => {
    const t = await team('Validation');
    const routes: [string, string, unknown?][] = [
      ['GET', '/webhooks'],
      ['POST', '/webhooks', { url: 'https://example.com/h', events: ['lead.captured'] }],
      ['DELETE', `/webhooks/${randomUUID()}`],
      ['GET', `/webhooks/${randomUUID()}/deliveries`],
      ['POST', `/webhooks/${randomUUID()}/test`],
    ];
    for (const member of [t.marketing, t.sales]) {
      for (const [method, path, body] of routes) expectError(await api(member.token).raw(method, path, body), 403, 'forbidden');
    }
    for (const [method, path, body] of routes) expectError(await api('tdm_nope').raw(method, path, body), 401, 'unauthenticated');

    const bad: [unknown, string][] = [
      [{ url: 'ftp://example.com/h', events: ['lead.captured'] }, 'url'],
      [{ url: 'javascript:alert(1)', events: ['lead.captured'] }, 'url'],
      [{ url: 'http://hooks.example.com/h', events: ['lead.captured'] }, 'url'],
      [{ url: 'https://me:secret@example.com/h', events: ['lead.captured'] }, 'url'],
      [{ url: 'not a url', events: ['lead.captured'] }, 'url'],
      [{ url: 'https://example.com/h', events: [] }, 'events'],
      [{ url: 'https://example.com/h', events: ['ping'] }, 'events.0'],
      [{ url: 'https://example.com/h', events: ['lead.deleted'] }, 'events.0'],
      [{ url: 'https://example.com/h', events: ['lead.captured'], format: 'teams' }, 'format'],
      [{ events: ['lead.captured'] }, 'url'],
      [{ url: 42, events: 'lead.captured' }, 'url'],
    ];
    for (const [body, path] of bad) {
      const error = expectError(await t.admin$.raw('POST', '/webhooks', body), 400, 'invalid');
      expect((error.details as { issues: { path: string }[] }).issues[0]!.path, JSON.stringify(body)).toBe(path);
    }
    expectError(await t.admin$.raw('POST', '/webhooks', '{"url":'), 400, 'malformed-json');
    expectError(await t.admin$.raw('DELETE', '/webhooks/not-a-uuid'), 400, 'invalid');
    expectError(await t.admin$.raw('GET', '/webhooks/not-a-uuid/deliveries'), 400, 'invalid');
    expectError(await t.admin$.raw('GET', `/webhooks/${randomUUID()}/deliveries?limit=0`), 400, 'invalid');
    expectError(await t.admin$.raw('DELETE', `/webhooks/${randomUUID()}`), 404, 'not-found');
    expectError(await t.admin$.raw('POST', `/webhooks/${randomUUID()}/test`), 404, 'not-found');
    expect(await t.admin$.list()).toEqual([]);

    const added = await webhook(t, 'https://hooks.slack.com/services/T000/B000/pathtoken', ['lead.captured', 'feedback.created'], 'slack');
    expect(added).toEqual({ webhookId: uuid, secret: expect.stringMatching(/^whsec_/) });
    const local = await webhook(t, 'http://localhost:9/h', ['lead.captured']);
    expect(await t.admin$.list()).toEqual([
      { webhookId: added.webhookId, url: 'https://hooks.slack.com/services/T000/B000/pathtoken', events: ['lead.captured', 'feedback.created'], format: 'slack', createdAt: timestamp, lastAttempt: null, pending: 0, failed: 0 },
      { webhookId: local.webhookId, url: 'http://localhost:9/h', events: ['lead.captured'], format: 'json', createdAt: timestamp, lastAttempt: null, pending: 0, failed: 0 },
    ]);
    // Another workspace's admin sees none of them, and cannot reach them.
    const other = await team('Elsewhere');
    expect(await other.admin$.list()).toEqual([]);
    expectError(await other.admin$.raw('DELETE', `/webhooks/${added.webhookId}`), 404, 'not-found');
    expectError(await other.admin$.raw('GET', `/webhooks/${added.webhookId}/deliveries`), 404, 'not-found');
    expectError(await other.admin$.raw('POST', `/webhooks/${added.webhookId}/test`), 404, 'not-found');

    const entries = await t.admin$.audit();
    expect(entries.filter((e) => e.action === 'webhook.add').map((e) => e.details)).toEqual([
      { webhookId: local.webhookId, origin: 'http://localhost:9', events: ['lead.captured'], format: 'json' },
      { webhookId: added.webhookId, origin: 'https://hooks.slack.com', events: ['lead.captured', 'feedback.created'], format: 'slack' },
    ]);
    expect(entries[0]!.actor).toEqual({ memberId: t.admin.memberId, name: t.admin.name });
    expect(JSON.stringify(entries)).not.toContain('pathtoken');
    await t.admin$.remove(added.webhookId);
    await t.admin$.remove(local.webhookId);
  });

  it('sends a pushed feedback to the receiver once, signed, with the event, the stored record and a summary; the log says delivered', async () => {
    const t = await team('Delivery');
    const hook = await receiver();
    const { webhookId, secret } = await webhook(t, hook.url);
    const feedbackId = randomUUID();
    const clientId = newClientId();
    const subject = { contactKey: 'email:dana@contoso.com', contactName: 'Dana Whitfield', facts: { company: 'Contoso', employees: 12 } };
    const sentAt = Date.now();
    expect(await t.as.sales.push(clientId, numbered(1, make.feedback(feedbackId, { subject, verdict: 'reject', reasons: ['too-small'], note: 'only 12 people' })))).toEqual([
      { id: 1, status: 'applied' },
    ]);
    await hook.waitFor((r) => r.length >= 1);
    await sleep(400); // nothing more comes
    expect(hook.received).toHaveLength(1);
    const [got] = hook.received;
    expect(Date.now() - sentAt, 'sent at once, not at the next poll').toBeLessThan(3000);
    expect(got!.method).toBe('POST');
    expect(got!.path).toBe('/hooks/tandem');
    expect(got!.headers['content-type']).toBe('application/json');
    expect(got!.headers['x-tandem-event']).toBe('feedback.created');
    expectSigned(got!, secret);

    const payload = payloadOf(got!);
    const stored = (await t.as.admin.pullAll(newClientId())).changes.find((c) => c.type === 'feedback' && c.id === feedbackId)!;
    expect(payload).toEqual({
      id: got!.headers['x-tandem-delivery'],
      event: 'feedback.created',
      workspaceId: t.workspaceId,
      occurredAt: (stored.value as Feedback).updatedAt,
      data: { summary: "Delivery Rep rejected Dana Whitfield (Contoso): too small — 'only 12 people'", feedback: stored.value },
    });

    const [delivery] = await t.admin$.deliveries(webhookId);
    expect(delivery).toEqual({
      deliveryId: payload.id,
      event: 'feedback.created',
      status: 'delivered',
      attempts: 1,
      lastError: null,
      responseStatus: 200,
      createdAt: timestamp,
      lastAttemptAt: timestamp,
      deliveredAt: timestamp,
      nextAttemptAt: null,
    });
    const [listed] = await t.admin$.list();
    expect(listed).toMatchObject({ webhookId, pending: 0, failed: 0, lastAttempt: { deliveryId: payload.id, at: timestamp, status: 'delivered', responseStatus: 200, error: null } });
    // The payload is not kept once delivered.
    const row = await db.kysely.selectFrom('webhook_deliveries').select(['payload', 'claimed_by', 'claimed_until']).where('id', '=', payload.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ payload: null, claimed_by: null, claimed_until: null });
  });

  it('sends replies, captured leads and published definitions, each to the webhooks subscribed to it', async () => {
    const t = await team('Events');
    const all = await receiver();
    const leadsOnly = await receiver();
    const everything = await webhook(t, all.url);
    const leads = await webhook(t, leadsOnly.url, ['lead.captured']);
    const feedbackId = randomUUID();
    const leadId = randomUUID();
    const definitionId = randomUUID();
    const replyId = randomUUID();
    await t.as.sales.push(newClientId(), numbered(1, make.feedback(feedbackId, { verdict: 'nurture', reasons: [] }), make.lead(leadId)));
    await t.as.marketing.push(newClientId(), numbered(1, make.reply(feedbackId, replyId, 'Thanks — we will nurture them.'), make.definition(definitionId, null)));
    await all.waitFor((r) => r.length >= 4);
    await leadsOnly.waitFor((r) => r.length >= 1);
    await sleep(300);
    expect(all.received).toHaveLength(4);
    expect(leadsOnly.received).toHaveLength(1);
    for (const r of all.received) expectSigned(r, everything.secret);
    expectSigned(leadsOnly.received[0]!, leads.secret);

    const byEvent = new Map(all.received.map((r) => [r.headers['x-tandem-event'], payloadOf(r)]));
    expect([...byEvent.keys()].sort()).toEqual(['definition.published', 'feedback.created', 'feedback.replied', 'lead.captured']);
    const state = new Map((await t.as.admin.pullAll(newClientId())).changes.map((c) => [`${c.type}:${c.id}`, c.value]));
    const replied = byEvent.get('feedback.replied')!;
    expect(replied.data).toEqual({
      summary: "Events Marketer replied to Events Rep's feedback on Ada: 'Thanks — we will nurture them.'",
      feedback: state.get(`feedback:${feedbackId}`),
      reply: (state.get(`feedback:${feedbackId}`) as Feedback).replies[0],
    });
    expect((replied.data.reply as { id: string }).id).toBe(replyId);
    expect(byEvent.get('feedback.created')!.data.feedback, 'the feedback as it was created, without the later reply').toMatchObject({ id: feedbackId, version: 1, replies: [] });
    expect(byEvent.get('lead.captured')!.data).toEqual({ summary: 'Events Rep captured Grace Hopper (Navy) by hand', lead: state.get(`lead:${leadId}`) });
    expect(byEvent.get('definition.published')!.data).toEqual({
      summary: "Events Marketer published version 1 of the lead definition 'Ideal customer'",
      definition: state.get(`definition:${definitionId}`),
    });
    expect(payloadOf(leadsOnly.received[0]!)).toMatchObject({ event: 'lead.captured', data: { lead: { id: leadId } } });
    expect(payloadOf(leadsOnly.received[0]!).id).not.toBe(byEvent.get('lead.captured')!.id);
  });

  it('queues nothing for a re-pushed mutation id, a feedback created again, or a mutation that failed and rolled back', async () => {
    const t = await team('Duplicates');
    const hook = await receiver();
    const { webhookId } = await webhook(t, hook.url);
    const clientId = newClientId();
    const feedbackId = randomUUID();
    const first = make.feedback(feedbackId);
    expect(await t.as.sales.push(clientId, numbered(1, first))).toEqual([{ id: 1, status: 'applied' }]);
    expect(await t.as.sales.push(clientId, numbered(1, first))).toEqual([{ id: 1, status: 'duplicate' }]);
    const results = await t.as.sales.push(
      clientId,
      numbered(
        1,
        first, // duplicate
        make.feedback(feedbackId), // the same feedback under a new mutation id: already there, writes nothing
        make.feedback(randomUUID(), { verdict: 'reject', reasons: [] }), // refused by the mutator
        make.reply(randomUUID()), // no such feedback
        make.definition(randomUUID(), null), // a sales member may not
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['duplicate', 'applied', 'error', 'error', 'error']);
    expect(await t.as.marketing.push(newClientId(), numbered(1, make.definition(randomUUID(), 7)))).toEqual([expect.objectContaining({ status: 'conflict' })]);
    await hook.waitFor((r) => r.length >= 1);
    await sleep(500);
    expect(hook.received).toHaveLength(1);
    expect(await t.admin$.deliveries(webhookId)).toHaveLength(1);
  });

  it('retries while the receiver refuses connections or answers 500, and delivers once it is back, with the attempts in the log', async () => {
    const t = await team('Retries');
    const port = await freePort();
    const down = await webhook(t, `http://127.0.0.1:${port}/hooks/tandem`, ['lead.captured']);
    const erring = await receiver({ respond: (_request, _body, index) => (index < 2 ? 500 : 200) });
    const flaky = await webhook(t, erring.url, ['lead.captured']);
    const leadId = randomUUID();
    await t.as.sales.push(newClientId(), numbered(1, make.lead(leadId)));

    // Connection refused: attempts pile up, each one logged, the delivery still pending.
    const refused = await eventually(async () => {
      const [d] = await t.admin$.deliveries(down.webhookId);
      return d && d.attempts >= 2 && d.status === 'pending' ? d : undefined;
    });
    expect(refused).toMatchObject({ responseStatus: null, lastError: expect.stringMatching(/ECONNREFUSED/), nextAttemptAt: timestamp, deliveredAt: null, lastAttemptAt: timestamp });
    expect((await t.admin$.list()).find((w) => w.webhookId === down.webhookId)).toMatchObject({
      pending: 1,
      failed: 0,
      lastAttempt: { status: 'pending', responseStatus: null, error: expect.stringMatching(/ECONNREFUSED/) },
    });
    const back = await receiver({ port });
    await back.waitFor((r) => r.length >= 1);
    await erring.waitFor((r) => r.length >= 3);
    await sleep(400);

    expect(back.received).toHaveLength(1);
    expectSigned(back.received[0]!, down.secret);
    expect(payloadOf(back.received[0]!)).toMatchObject({ id: refused.deliveryId, event: 'lead.captured', data: { lead: { id: leadId } } });
    const [afterDown] = await t.admin$.deliveries(down.webhookId);
    expect(afterDown).toMatchObject({ deliveryId: refused.deliveryId, status: 'delivered', responseStatus: 200, lastError: null, nextAttemptAt: null, deliveredAt: timestamp });
    expect(afterDown!.attempts).toBeGreaterThanOrEqual(3);

    // 500, 500, then 200: three attempts of one delivery, the same id and body each time, each signed anew.
    expect(erring.received.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(erring.received.map((r) => r.headers['x-tandem-delivery'])).size).toBe(1);
    expect(new Set(erring.received.map((r) => r.body)).size).toBe(1);
    for (const r of erring.received) expectSigned(r, flaky.secret);
    expect(erring.accepted()).toHaveLength(1);
    expect(await t.admin$.deliveries(flaky.webhookId)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, responseStatus: 200, lastError: null })]);
    // Every attempt is in the server's log.
    const attempts = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.deliveryId === refused.deliveryId);
    expect(attempts.map((l) => l.msg)).toEqual([...Array.from({ length: afterDown!.attempts - 1 }, () => 'webhook attempt failed'), 'webhook delivered']);
    expect(attempts[0]).toMatchObject({ level: 'warn', webhookId: down.webhookId, event: 'lead.captured', attempt: 1, error: expect.stringMatching(/ECONNREFUSED/), retryInMs: 150 });
  });

  it('gives up after the last attempt: failed, with the last status and error, counted in the list', async () => {
    const t = await team('Gives up');
    const hook = await receiver({ respond: () => 500 });
    const { webhookId } = await webhook(t, hook.url, ['feedback.created']);
    await t.as.sales.push(newClientId(), numbered(1, make.feedback()));
    const failed = await eventually(async () => {
      const [d] = await t.admin$.deliveries(webhookId);
      return d?.status === 'failed' ? d : undefined;
    });
    expect(failed).toEqual({
      deliveryId: uuid,
      event: 'feedback.created',
      status: 'failed',
      attempts: shortSchedule.delaysMs.length + 1,
      lastError: 'HTTP 500',
      responseStatus: 500,
      createdAt: timestamp,
      lastAttemptAt: timestamp,
      deliveredAt: null,
      nextAttemptAt: null,
    });
    await sleep(400);
    expect(hook.received).toHaveLength(shortSchedule.delaysMs.length + 1);
    expect((await t.admin$.list())[0]).toMatchObject({ pending: 0, failed: 1, lastAttempt: { status: 'failed', responseStatus: 500 } });
    expect(logLines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.deliveryId === failed.deliveryId).at(-1)).toMatchObject({
      level: 'warn',
      msg: 'webhook delivery failed',
      gaveUpAfter: 8,
    });
  });

  it('sends nothing more for a webhook once it is deleted: its pending deliveries are dropped', async () => {
    const t = await team('Deleted');
    const port = await freePort();
    const { webhookId } = await webhook(t, `http://127.0.0.1:${port}/hooks/tandem`, ['feedback.created']);
    await t.as.sales.push(newClientId(), numbered(1, make.feedback(), make.feedback()));
    await eventually(async () => ((await t.admin$.deliveries(webhookId)).every((d) => d.attempts >= 1) ? true : undefined));
    expect(await t.admin$.remove(webhookId)).toEqual({ webhookId, cancelled: 2 });
    // An attempt already on its way when the webhook went may still land; none starts after.
    await sleep(300);
    const back = await receiver({ port });
    await sleep(800);
    expect(back.received).toEqual([]);
    expectError(await t.admin$.raw('GET', `/webhooks/${webhookId}/deliveries`), 404, 'not-found');
    expectError(await t.admin$.raw('DELETE', `/webhooks/${webhookId}`), 404, 'not-found');
    expect(await t.admin$.list()).toEqual([]);
    expect(await db.kysely.selectFrom('webhook_deliveries').select('id').where('webhook_id', '=', webhookId).execute()).toEqual([]);
    expect((await t.admin$.audit()).find((e) => e.action === 'webhook.remove')).toMatchObject({ details: { webhookId, cancelled: 2 }, actor: { memberId: t.admin.memberId } });
    // Pushes after that queue nothing.
    await t.as.sales.push(newClientId(), numbered(1, make.feedback()));
    expect(await db.kysely.selectFrom('webhook_deliveries').select('id').where('workspace_id', '=', t.workspaceId).execute()).toEqual([]);
  });

  it('sends a ping on “test”, audited', async () => {
    const t = await team('Ping');
    const hook = await receiver();
    const { webhookId, secret } = await webhook(t, hook.url, ['definition.published']);
    const { deliveryId } = await t.admin$.test(webhookId);
    await hook.waitFor((r) => r.length >= 1);
    expect(hook.received[0]!.headers['x-tandem-event']).toBe('ping');
    expect(hook.received[0]!.headers['x-tandem-delivery']).toBe(deliveryId);
    expectSigned(hook.received[0]!, secret);
    expect(payloadOf(hook.received[0]!)).toEqual({
      id: deliveryId,
      event: 'ping',
      workspaceId: t.workspaceId,
      occurredAt: timestamp,
      data: { summary: 'Tandem test delivery: this webhook works.', webhookId },
    });
    await eventually(async () => ((await t.admin$.deliveries(webhookId))[0]?.status === 'delivered' ? true : undefined));
    expect((await t.admin$.audit()).find((e) => e.action === 'webhook.test')).toMatchObject({ details: { webhookId, deliveryId } });
  });

  it('sends Slack webhooks {"text": summary} with every <, > and & escaped, signed like the rest', async () => {
    const t = await team('Slack');
    const hook = await receiver();
    const { secret } = await webhook(t, hook.url, ['feedback.created'], 'slack');
    const note = 'Heads up <!channel> & <!here>: see <http://evil.example|your bank> > now';
    await t.as.sales.push(
      newClientId(),
      numbered(1, make.feedback(randomUUID(), { subject: { contactKey: 'email:eve@example.com', contactName: 'Eve <@U123>', facts: { company: 'R&D <b>Ltd</b>' } }, verdict: 'reject', reasons: ['competitor'], note })),
    );
    await hook.waitFor((r) => r.length >= 1);
    const [got] = hook.received;
    expect(got!.headers['x-tandem-event']).toBe('feedback.created');
    expect(got!.headers['content-type']).toBe('application/json');
    expectSigned(got!, secret);
    const body = JSON.parse(got!.body) as { text: string };
    expect(body).toEqual({
      text: "Slack Rep rejected Eve &lt;@U123&gt; (R&amp;D &lt;b&gt;Ltd&lt;/b&gt;): competitor — 'Heads up &lt;!channel&gt; &amp; &lt;!here&gt;: see &lt;http://evil.example|your bank&gt; &gt; now'",
    });
    expect(body.text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
  });

  it('keeps every secret inside the server: not in pull, the list, the delivery log, the audit log, a delivery or the server log', async () => {
    expect(made.length).toBeGreaterThan(5);
    const everyone = (t: Team) => [t.admin, t.marketing, t.sales] as { token: string; role: Role }[];
    const seen: string[] = [...logLines];
    for (const { team: t, webhookId } of made) {
      for (const member of everyone(t)) seen.push(JSON.stringify(await clientOf(app, member.token).pullAll(newClientId())));
      const admin = api(t.admin.token);
      seen.push(JSON.stringify(await admin.list()));
      seen.push(JSON.stringify(await admin.audit()));
      const log = await admin.raw('GET', `/webhooks/${webhookId}/deliveries?limit=500`);
      seen.push(JSON.stringify(log.body));
    }
    for (const r of receivers) for (const got of r.received) seen.push(JSON.stringify(got));
    const text = seen.join('\n');
    expect(text.length).toBeGreaterThan(10_000);
    for (const { secret } of made) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice('whsec_'.length));
    }
    // The server log never has a URL's path either (a Slack URL's path is a credential).
    expect(logLines.join('\n')).not.toContain('/hooks/tandem');
    expect(logLines.join('\n')).not.toContain('pathtoken');
    // Only the webhooks table holds them.
    const rows = await db.kysely.selectFrom('webhooks').select('secret').execute();
    for (const row of rows) expect(made.map((m) => m.secret)).toContain(row.secret);
  });
});

describe.each(databaseKinds)('the delivery queue on %s', (kind) => {
  let fresh: FreshDatabase;
  let db: Db;
  let other: Db;

  beforeAll(async () => {
    fresh = await freshDatabase(kind);
    db = await openDatabase(fresh.location);
    useWebhookTargets(db, allowLoopback);
    // A second connection (pool) to the same database: another process, as far as claims go.
    other = await openDatabase(fresh.location);
    useWebhookTargets(other, allowLoopback);
  });

  afterAll(async () => {
    await other?.close();
    await db?.close();
    await sleep(200); // see webhooks-processes.test.ts: let pg's sockets close before the forced drop
    await fresh?.drop();
  });

  async function queued(n: number) {
    const team = await createTeam(db, `Queue ${randomUUID().slice(0, 8)}`);
    const { webhookId } = await addWebhook(db, team.workspaceId, { url: 'http://127.0.0.1:9/h', events: ['lead.captured'], format: 'json' });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await queueTestDelivery(db, webhookId)).deliveryId);
    return { webhookId, ids };
  }

  it('never gives one delivery to two claimers racing for it, and hands out each one', async () => {
    const { ids } = await queued(60);
    const claimedBy = new Map<string, string>();
    const claimer = (handle: Db, name: string) => async () => {
      for (let round = 0; ; round++) {
        const claim = `${name}/${round}`;
        const got = await claimDueDeliveries(handle, claim, 60_000, 3);
        for (const d of got) {
          expect(claimedBy.has(d.id), `claimed twice: ${d.id}`).toBe(false);
          claimedBy.set(d.id, claim);
          expect(d.attempts).toBe(1);
        }
        if (!got.length) return;
      }
    };
    // Two SQLite connections in one process would block each other's thread (better-sqlite3 is
    // synchronous): there the claimers share one connection; other processes are in webhooks-processes.test.ts.
    const second = kind === 'postgres' ? other : db;
    await Promise.all([claimer(db, 'a')(), claimer(second, 'b')(), claimer(db, 'c')(), claimer(second, 'd')()]);
    expect([...claimedBy.keys()].sort()).toEqual([...ids].sort());
    const names = new Set([...claimedBy.values()].map((c) => c.split('/')[0]));
    if (kind === 'postgres') expect(names.size, 'several claimers got some').toBeGreaterThan(1);
    const rows = await db.kysely.selectFrom('webhook_deliveries').select(['id', 'claimed_by', 'attempts']).where('id', 'in', ids).execute();
    for (const row of rows) expect(row).toEqual({ id: row.id, claimed_by: claimedBy.get(row.id), attempts: 1 });
  });

  it('lets only the claimer finish a delivery, and another process take it once the lease ran out', async () => {
    const { ids } = await queued(1);
    const [first] = await claimDueDeliveries(db, 'dead/1', 150, 10);
    expect(first?.id).toBe(ids[0]);
    expect(await claimDueDeliveries(other, 'live/1', 60_000, 10), 'the lease holds').toEqual([]);
    await sleep(300);
    const [again] = await claimDueDeliveries(other, 'live/2', 60_000, 10);
    expect(again).toMatchObject({ id: ids[0], attempts: 2 });
    // The first claimer comes back: it can neither finish nor reschedule what it no longer holds.
    expect(await markDelivered(db, ids[0]!, 'dead/1', { status: 200, error: null })).toBe(false);
    expect(await markRetry(db, ids[0]!, 'dead/1', { status: 500, error: 'HTTP 500' }, 10)).toBe(false);
    expect(await db.kysely.selectFrom('webhook_deliveries').select(['status', 'claimed_by']).where('id', '=', ids[0]!).executeTakeFirstOrThrow()).toEqual({ status: 'pending', claimed_by: 'live/2' });
    expect(await markDelivered(other, ids[0]!, 'live/2', { status: 204, error: null })).toBe(true);
    expect(await claimDueDeliveries(db, 'late/1', 60_000, 10), 'a delivered one is never claimed').toEqual([]);
    expect(await db.kysely.selectFrom('webhook_deliveries').select(['status', 'last_status', 'claimed_by']).where('id', '=', ids[0]!).executeTakeFirstOrThrow()).toEqual({
      status: 'delivered',
      last_status: 204,
      claimed_by: null,
    });
  });

  it('forgets delivered and failed deliveries after the retention period, never pending ones', async () => {
    const { ids } = await queued(3);
    const old = Date.now() - 31 * 24 * 3600_000;
    await db.kysely.updateTable('webhook_deliveries').set({ created_at: old, status: 'delivered', payload: null }).where('id', '=', ids[0]!).execute();
    await db.kysely.updateTable('webhook_deliveries').set({ created_at: old, status: 'failed', payload: null }).where('id', '=', ids[1]!).execute();
    await db.kysely.updateTable('webhook_deliveries').set({ created_at: old }).where('id', '=', ids[2]!).execute();
    expect(await pruneDeliveries(db, 30 * 24 * 3600_000)).toBe(2);
    expect(await pruneDeliveries(db, 30 * 24 * 3600_000)).toBe(0);
    expect((await db.kysely.selectFrom('webhook_deliveries').select('id').where('id', 'in', ids).execute()).map((r) => r.id)).toEqual([ids[2]]);
    await db.kysely.deleteFrom('webhook_deliveries').where('id', '=', ids[2]!).execute();
  });

  it('on stop, waits for sends in flight, then aborts them after the grace period and gives their claims back', async () => {
    const hung = await startReceiver({ respond: () => 'hang' });
    try {
      const team = await createTeam(db, 'Stopping');
      const { webhookId } = await addWebhook(db, team.workspaceId, { url: hung.url, events: ['lead.captured'], format: 'json' });
      const { deliveryId } = await queueTestDelivery(db, webhookId);
      const lines: string[] = [];
      const stopping = startWebhookWorker({ db, logger: (level, msg, fields) => void lines.push(JSON.stringify({ level, msg, ...fields })), pollMs: 20, timeoutMs: 5000, leaseMs: 60_000, stopGraceMs: 300 });
      await hung.waitFor((r) => r.length >= 1);
      const held = await db.kysely.selectFrom('webhook_deliveries').select(['claimed_by', 'attempts']).where('id', '=', deliveryId).executeTakeFirstOrThrow();
      expect(held.claimed_by).toMatch(new RegExp(`^${stopping.workerId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\d+$`));
      expect(held.attempts).toBe(1);
      const started = Date.now();
      await stopping.stop();
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await db.kysely.selectFrom('webhook_deliveries').select(['status', 'claimed_by', 'claimed_until', 'attempts']).where('id', '=', deliveryId).executeTakeFirstOrThrow()).toEqual({
        status: 'pending',
        claimed_by: null,
        claimed_until: null,
        attempts: 0,
      });
      expect(lines.map((l) => JSON.parse(l) as { msg: string; deliveryId: string })).toEqual([expect.objectContaining({ msg: 'webhook delivery released', deliveryId })]);
      // Another worker sends it.
      await hung.close();
      const back = await startReceiver({ port: hung.port });
      try {
        const next = startWebhookWorker({ db, logger: () => {}, pollMs: 20 });
        await back.waitFor((r) => r.length >= 1);
        await next.stop();
        expect(back.received[0]!.headers['x-tandem-delivery']).toBe(deliveryId);
      } finally {
        await back.close();
      }
    } finally {
      await hung.close();
    }
  });
});
