import { closeSync, openSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { encodeConnectCode, EraseRequest, InviteRequest, Role, ServerUrl } from '../utils/model';
import { openDatabase, type Db } from './db/connect';
import { eraseContact } from './erase';
import {
  addMember,
  changeRole,
  createWorkspace,
  defaultCodeLifetimeMs,
  listMembers,
  memberDevices,
  newConnectCode,
  revokeDevice,
  revokeMember,
  rotateToken,
  TeamError,
  workspaceRow,
  type IssuedCode,
} from './team';
import { CreateWebhookRequest, WebhookEvent } from '../utils/model/webhook';
import { addWebhook, listWebhooks, removeWebhook } from './webhooks/store';

const usage = `Tandem server CLI. Every command takes --database (a postgres:// URL or a SQLite file;
default: DATABASE_URL, else ./data/tandem.sqlite) and --json.

  init --name NAME --admin ADMIN_NAME [--url SERVER_URL] [--expires DURATION]
  member add --workspace ID --role admin|marketing|sales --name NAME [--email EMAIL] [--url SERVER_URL] [--expires DURATION]
  member list --workspace ID
  member role --member ID --role admin|marketing|sales
  member revoke --member ID    (every device and unused connect code stops working)
  member code --member ID [--url SERVER_URL] [--expires DURATION]
                               (a connect code for another browser; their devices keep working)
  member devices --member ID   (the browsers and tokens that may sync now)
  device revoke --member ID --device ID
                               (that device stops working; the member's others keep syncing)
  token rotate --member ID [--url SERVER_URL] [--expires DURATION]
                               (every device and unused code stops; a new token and connect code)
  erase --workspace ID --email EMAIL
                               (a privacy request: every lead and feedback about that address
                               becomes a tombstone without its data; the audit log keeps counts)
  backup --out FILE            (SQLite: a consistent copy; PostgreSQL: prints the pg_dump line)
  webhook add --workspace ID --url URL --events LIST [--format json|slack]
                               (LIST: comma-separated, of ${WebhookEvent.options.join(', ')};
                               prints the signing secret, the only time it is shown)
  webhook list --workspace ID
  webhook remove --webhook ID  (its deliveries not yet sent are dropped)

SERVER_URL is what goes into connect codes (default: TANDEM_PUBLIC_URL, else http://127.0.0.1:8787).
A connect code works once, for one browser, which gets a token of its own, and expires after
DURATION (like 30m, 12h or 7d; at most 30d; default 24h). "token" is a token for the API,
one device of its own.
A workspace keeps at least one admin: demoting or revoking the last one is refused.
A webhook URL is https:// (or http://) to a public address; loopback and private addresses only when the
server runs with TANDEM_WEBHOOKS_ALLOW_PRIVATE=1, cloud metadata addresses never.`;

class UsageError extends Error {}

function need(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`Missing --${name}.`);
  return value.trim();
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map((row) => Object.values(row as object).join('\t')).join('\n');
  return Object.entries(value as object).map(([k, v]) => `${k}: ${v}`).join('\n');
}

/** Each command's required options, checked before any database is opened. */
const required: Record<string, string[]> = {
  init: ['name', 'admin'],
  'member add': ['workspace', 'role', 'name'],
  'member list': ['workspace'],
  'member role': ['member', 'role'],
  'member revoke': ['member'],
  'member code': ['member'],
  'member devices': ['member'],
  'device revoke': ['member', 'device'],
  erase: ['workspace', 'email'],
  'token rotate': ['member'],
  backup: ['out'],
  'webhook add': ['workspace', 'url', 'events'],
  'webhook list': ['workspace'],
  'webhook remove': ['webhook'],
};

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** The most a connect code may be made to last: 30 days. */
const maxCodeLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** `--expires` (30m, 12h, 7d) in milliseconds; a day when not given. */
function codeLifetime(value: string | undefined): number {
  if (value === undefined) return defaultCodeLifetimeMs;
  const match = /^(\d{1,6})\s*(m|min|h|d)$/i.exec(value.trim());
  const unit = { m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 }[match?.[2]?.toLowerCase() as 'm' | 'min' | 'h' | 'd'];
  const ms = match && unit ? Number(match[1]) * unit : NaN;
  if (!(ms >= 60_000 && ms <= maxCodeLifetimeMs)) throw new UsageError('--expires is how long the connect code works, from 1m to 30d: like 30m, 12h or 7d.');
  return ms;
}

/** Quotes a value for a POSIX shell. */
const shellQuote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;

const options = {
  database: { type: 'string' },
  json: { type: 'boolean', default: false },
  name: { type: 'string' },
  admin: { type: 'string' },
  workspace: { type: 'string' },
  role: { type: 'string' },
  member: { type: 'string' },
  email: { type: 'string' },
  url: { type: 'string' },
  out: { type: 'string' },
  events: { type: 'string' },
  format: { type: 'string' },
  webhook: { type: 'string' },
  device: { type: 'string' },
  expires: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parse(argv);
  const command = positionals.join(' ');
  if (values.help || command === '' || command === 'help') return usage;
  const serverUrl = values.url ?? process.env.TANDEM_PUBLIC_URL ?? 'http://127.0.0.1:8787';
  const handOver = ({ code, expiresAt }: IssuedCode) => ({ connectCode: encodeConnectCode({ serverUrl, code }), expiresAt });
  const needs = required[command];
  if (!needs) throw new UsageError(`Unknown command “${command}”.`);
  for (const name of needs) need(values, name);
  const lifetimeMs = codeLifetime(values.expires);
  if (['init', 'member add', 'member code', 'token rotate'].includes(command) && !ServerUrl.safeParse(serverUrl).success) {
    throw new UsageError('--url (or TANDEM_PUBLIC_URL) is the server address for connect codes: an http(s) URL like https://tandem.example.com.');
  }
  if ((command === 'member add' || command === 'member role') && !Role.safeParse(values.role).success) throw new UsageError('--role is one of admin, marketing, sales.');
  if (command === 'member add' && values.email !== undefined && !InviteRequest.shape.email.safeParse(values.email).success) {
    throw new UsageError('--email is not an email address.');
  }
  if (command === 'erase' && !EraseRequest.safeParse({ email: values.email }).success) throw new UsageError('--email is not an email address.');
  const webhook = command === 'webhook add' ? webhookRequest(values) : undefined;

  const location = values.database ?? process.env.DATABASE_URL;
  const db: Db = await openDatabase(location);
  try {
    switch (command) {
      case 'init': {
        const created = await createWorkspace(db, need(values, 'name'), need(values, 'admin'), undefined, { lifetimeMs });
        return { workspaceId: created.workspaceId, memberId: created.memberId, token: created.token, ...handOver(created.code) };
      }
      case 'member add': {
        const email = values.email === undefined ? undefined : InviteRequest.shape.email.parse(values.email);
        const added = await addMember(db, need(values, 'workspace'), need(values, 'name'), Role.parse(values.role), { email, code: { lifetimeMs } });
        return { memberId: added.memberId, token: added.token, ...handOver(added.code) };
      }
      case 'member code': {
        const { memberId, code } = await newConnectCode(db, need(values, 'member'), {}, { lifetimeMs });
        return { memberId, ...handOver(code) };
      }
      case 'member devices':
        return (await memberDevices(db, need(values, 'member'))).map(({ current: _, ...device }) => device);
      case 'device revoke': {
        const memberId = need(values, 'member');
        const deviceId = need(values, 'device');
        await revokeDevice(db, memberId, deviceId);
        return { memberId, deviceId, revoked: true };
      }
      case 'member list':
        return await listMembers(db, need(values, 'workspace'));
      case 'member role': {
        const { memberId, role } = await changeRole(db, need(values, 'member'), Role.parse(values.role));
        return { memberId, role };
      }
      case 'erase': {
        const workspaceId = need(values, 'workspace');
        await workspaceRow(db, workspaceId);
        const { erased, auditId } = await eraseContact(db, workspaceId, EraseRequest.parse({ email: values.email }).email, null);
        return { leads: erased.leads, feedback: erased.feedback, facts: erased.facts, auditId };
      }
      case 'member revoke': {
        const memberId = need(values, 'member');
        await revokeMember(db, memberId);
        return { memberId, revoked: true };
      }
      case 'token rotate': {
        const { token, code } = await rotateToken(db, need(values, 'member'), {}, { lifetimeMs });
        return { token, ...handOver(code) };
      }
      case 'webhook add':
        return await addWebhook(db, need(values, 'workspace'), webhook!);
      case 'webhook list': {
        const webhooks = await listWebhooks(db, need(values, 'workspace'));
        if (values.json) return webhooks;
        // One line each for people: id, format, url, events, and how deliveries stand.
        return webhooks.map((w) => ({
          webhookId: w.webhookId,
          format: w.format,
          url: w.url,
          events: w.events.join(','),
          deliveries: `${w.pending} pending, ${w.failed} failed${w.lastAttempt ? `, last ${w.lastAttempt.at} ${w.lastAttempt.error ?? `HTTP ${w.lastAttempt.responseStatus}`}` : ''}`,
        }));
      }
      case 'webhook remove': {
        const { webhookId, cancelled } = await removeWebhook(db, need(values, 'webhook'));
        return { webhookId, removed: true, cancelled };
      }
      case 'backup': {
        const out = resolve(need(values, 'out'));
        if (db.dialect === 'postgres') {
          // The password stays out of what is printed (and of shell history): pg_dump reads it
          // from PGPASSWORD or ~/.pgpass.
          return { pgDump: `pg_dump --format=custom --file=${shellQuote(out)} ${shellQuote(withoutPassword(location!))}` };
        }
        // The copy holds everything the team stored: readable by its owner only. VACUUM INTO
        // fills an empty file that already exists, so it is made 0600 before any data is in it.
        closeSync(openSync(out, 'wx', 0o600));
        try {
          await sql`vacuum into ${out}`.execute(db.kysely);
        } catch (error) {
          rmSync(out, { force: true });
          throw error;
        }
        return { backup: out };
      }
    }
  } finally {
    await db.close();
  }
  return undefined;
}

/** `webhook add`'s options as the admin API's request, or a usage error naming what is wrong. */
function webhookRequest(values: { url?: string; events?: string; format?: string }) {
  const parsed = CreateWebhookRequest.safeParse({
    url: values.url,
    events: (values.events ?? '').split(',').map((e) => e.trim()).filter(Boolean),
    ...(values.format === undefined ? {} : { format: values.format }),
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const option = issue.path[0] === 'events' ? `--events (${WebhookEvent.options.join(', ')})` : `--${String(issue.path[0] ?? 'url')}`;
  throw new UsageError(`${option}: ${issue.message}`);
}

const argv = process.argv.slice(2);
const json = argv.includes('--json');
run(argv).then(
  (result) => {
    if (typeof result === 'string') console.log(result);
    else console.log(json ? JSON.stringify(result) : text(result));
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof UsageError ? 'usage' : error instanceof TeamError ? error.code : 'failed';
    if (json) console.log(JSON.stringify({ error: { code, message } }));
    else console.error(`${message}${error instanceof UsageError ? `\n\n${usage}` : ''}`);
    process.exitCode = error instanceof UsageError ? 64 : 1;
  },
);

/** A database URL as it may be printed: without its password. */
export function withoutPassword(location: string): string {
  try {
    const url = new URL(location);
    if (!url.password) return location;
    url.password = '';
    return url.toString();
  } catch {
    return location.replace(/(password=)[^\s&]*/gi, '$1…');
  }
}
