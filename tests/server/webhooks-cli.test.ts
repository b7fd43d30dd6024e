import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connect';
import { createWorkspace } from '../../server/team';
import { CreateWebhookResponse, WebhookSummary } from '../../utils/model/webhook';
import { databaseKinds, freshDatabase } from './databases';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The server CLI as `npm run server` runs it, with nothing from this shell's environment but
 * `env`. Unless a test says otherwise it has the operator's setting that allows private and
 * loopback addresses: with it, no host name is resolved, so no run asks a real DNS server.
 */
function cli(args: string[], env: Record<string, string> = { TANDEM_WEBHOOKS_ALLOW_PRIVATE: '1' }): Promise<Run> {
  const { DATABASE_URL: _db, TANDEM_PUBLIC_URL: _url, TANDEM_WEBHOOKS_ALLOW_PRIVATE: _private, ...rest } = process.env;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: process.cwd(), env: { ...rest, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

function json(run: Run): unknown {
  expect(run.code, run.stderr || run.stdout).toBe(0);
  return JSON.parse(run.stdout) as unknown;
}

function usageError(run: Run, message: RegExp) {
  expect(run.code, run.stdout + run.stderr).toBe(64);
  const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
  expect(error.code).toBe('usage');
  expect(error.message).toMatch(message);
}

const uuid = expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

// Each run is a Node process (about a second of CPU): the checks that never reach the
// database (usage errors, --help, the text listing) run on SQLite only.
describe.each(databaseKinds)('the webhook CLI on %s', (kind) => {
  const everyCheck = kind === 'sqlite';

  it('adds (printing the secret once), lists without secrets, and removes webhooks, refusing bad options', async () => {
    const fresh = await freshDatabase(kind);
    const db = await openDatabase(fresh.location);
    try {
      const { workspaceId } = await createWorkspace(db, 'CLI hooks', 'Ada Admin');
      const database = ['--database', fresh.location];
      const add = (...more: string[]) => cli(['webhook', 'add', '--workspace', workspaceId, '--json', ...database, ...more]);
      const [slack, local] = await Promise.all([
        add('--url', 'https://hooks.slack.com/services/T1/B1/secretpath', '--events', 'feedback.created, feedback.replied', '--format', 'slack'),
        add('--url', 'http://127.0.0.1:9999/tandem', '--events', 'lead.captured'),
      ]);
      const first = CreateWebhookResponse.parse(json(slack));
      expect(json(slack)).toEqual({ webhookId: uuid, secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
      const second = CreateWebhookResponse.parse(json(local));
      if (everyCheck) {
        const [plainHttp, badEvent, noEvents, badFormat, nowhere, help] = await Promise.all([
          add('--url', 'http://example.com/x', '--events', 'lead.captured'),
          add('--url', 'https://example.com/x', '--events', 'lead.captured,lead.lost'),
          add('--url', 'ftp://example.com/x'),
          add('--url', 'https://example.com/x', '--events', 'lead.captured', '--format', 'xml'),
          cli(['webhook', 'add', '--workspace', randomUUID(), '--url', 'https://example.com/x', '--events', 'lead.captured', '--json', ...database]),
          cli(['--help']),
        ]);
        usageError(plainHttp, /^--url: Use an https:\/\/ URL/);
        usageError(badEvent, /^--events \(feedback\.created, feedback\.replied, lead\.captured, definition\.published\): /);
        usageError(noEvents, /^Missing --events\.$/);
        usageError(badFormat, /^--format: /);
        expect(nowhere.code).toBe(1);
        expect(JSON.parse(nowhere.stdout)).toEqual({ error: { code: 'not-found', message: expect.stringMatching(/^No workspace with id /) } });
        expect(help.stdout).toMatch(/webhook add --workspace ID --url URL --events LIST \[--format json\|slack\]/);
        expect(help.stdout).toMatch(/webhook list --workspace ID/);
        expect(help.stdout).toMatch(/webhook remove --webhook ID/);
      }

      const [listJson, listText] = await Promise.all([
        cli(['webhook', 'list', '--workspace', workspaceId, '--json', ...database]),
        everyCheck ? cli(['webhook', 'list', '--workspace', workspaceId, ...database]) : undefined,
      ]);
      const listed = WebhookSummary.array().parse(json(listJson));
      expect(json(listJson)).toEqual(listed);
      // Listed oldest first; the two were added side by side, in either order.
      expect([...listed].sort((a, b) => a.createdAt.localeCompare(b.createdAt))).toEqual(listed);
      expect(listed.find((w) => w.webhookId === first.webhookId)).toEqual({
        webhookId: first.webhookId,
        url: 'https://hooks.slack.com/services/T1/B1/secretpath',
        events: ['feedback.created', 'feedback.replied'],
        format: 'slack',
        createdAt: expect.any(String),
        lastAttempt: null,
        pending: 0,
        failed: 0,
      });
      expect(listed.find((w) => w.webhookId === second.webhookId)).toMatchObject({ url: 'http://127.0.0.1:9999/tandem', events: ['lead.captured'], format: 'json' });
      expect(listed).toHaveLength(2);
      if (listText) {
        expect(listText.code).toBe(0);
        expect(listText.stdout.trim().split('\n').sort()).toEqual([
          `${first.webhookId}\tslack\thttps://hooks.slack.com/services/T1/B1/secretpath\tfeedback.created,feedback.replied\t0 pending, 0 failed`,
          `${second.webhookId}\tjson\thttp://127.0.0.1:9999/tandem\tlead.captured\t0 pending, 0 failed`,
        ].sort());
      }
      for (const run of [listJson, listText]) {
        expect(run?.stdout ?? '').not.toContain(first.secret);
        expect(run?.stdout ?? '').not.toContain(second.secret);
      }

      const [removed, unknown] = await Promise.all([
        cli(['webhook', 'remove', '--webhook', first.webhookId, '--json', ...database]),
        everyCheck ? cli(['webhook', 'remove', '--webhook', randomUUID(), '--json', ...database]) : undefined,
      ]);
      expect(json(removed)).toEqual({ webhookId: first.webhookId, removed: true, cancelled: 0 });
      if (unknown) {
        expect(unknown.code).toBe(1);
        expect(JSON.parse(unknown.stdout)).toEqual({ error: { code: 'not-found', message: expect.stringMatching(/^No webhook with id /) } });
      }
      const after = await db.kysely.selectFrom('webhooks').select('id').where('workspace_id', '=', workspaceId).execute();
      expect(after.map((w) => w.id)).toEqual([second.webhookId]);

      // Audited with no actor (the CLI), the origin only, never the secret.
      const audit = await db.kysely.selectFrom('audit').select(['action', 'member_id', 'details']).where('workspace_id', '=', workspaceId).where('action', 'like', 'webhook.%').orderBy('seq').execute();
      expect(audit.map((a) => ({ ...a, details: JSON.parse(a.details) as unknown }))).toEqual([
        { action: 'webhook.add', member_id: null, details: expect.objectContaining({ origin: expect.stringMatching(/^https:\/\/hooks\.slack\.com$|^http:\/\/127\.0\.0\.1:9999$/) }) },
        { action: 'webhook.add', member_id: null, details: expect.objectContaining({ origin: expect.any(String) }) },
        { action: 'webhook.remove', member_id: null, details: { webhookId: first.webhookId, cancelled: 0 } },
      ]);
      expect(JSON.stringify(audit)).not.toContain('secretpath');
      expect(JSON.stringify(audit)).not.toContain(first.secret);
    } finally {
      await db.close();
      await new Promise((done) => setTimeout(done, 200)); // let pg's sockets close before the forced drop
      await fresh.drop();
    }
  });

  it("refuses private, loopback and metadata URLs unless the operator's setting allows private ones (metadata never)", async () => {
    const fresh = await freshDatabase(kind);
    const db = await openDatabase(fresh.location);
    try {
      const { workspaceId } = await createWorkspace(db, 'CLI targets', 'Ada Admin');
      const add = (url: string, env: Record<string, string>) => cli(['webhook', 'add', '--workspace', workspaceId, '--url', url, '--events', 'lead.captured', '--json', '--database', fresh.location], env);
      const [loopback, mapped, allowed, metadata] = await Promise.all([
        add('http://127.0.0.1:9999/tandem', {}),
        everyCheck ? add('https://[::ffff:10.0.0.1]/tandem', { TANDEM_WEBHOOKS_ALLOW_PRIVATE: '0' }) : undefined,
        add('http://127.0.0.1:9999/tandem', { TANDEM_WEBHOOKS_ALLOW_PRIVATE: '1' }),
        add('https://169.254.169.254/latest/meta-data/', { TANDEM_WEBHOOKS_ALLOW_PRIVATE: '1' }),
      ]);
      const refused = (run: Run | undefined, message: string) => {
        expect(run?.code, run?.stdout).toBe(1);
        expect(JSON.parse(run!.stdout)).toEqual({ error: { code: 'invalid', message } });
      };
      refused(loopback, "Webhook URLs can't point at private or loopback addresses (127.0.0.1 is loopback).");
      if (mapped) refused(mapped, "Webhook URLs can't point at private or loopback addresses (::ffff:a00:1 is 10.0.0.1, which is private).");
      refused(metadata, "Webhook URLs can't point at a cloud metadata service (169.254.169.254 is a cloud metadata address).");
      const { webhookId } = CreateWebhookResponse.parse(json(allowed));
      const rows = await db.kysely.selectFrom('webhooks').select(['id', 'url']).where('workspace_id', '=', workspaceId).execute();
      expect(rows).toEqual([{ id: webhookId, url: 'http://127.0.0.1:9999/tandem' }]);
    } finally {
      await db.close();
      await new Promise((done) => setTimeout(done, 200)); // let pg's sockets close before the forced drop
      await fresh.drop();
    }
  });
});
