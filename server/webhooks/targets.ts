import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress, LookupOneOptions, LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { Db } from '../db/connect';
import { TeamError } from '../team';

/**
 * Where a webhook may send a workspace's events. An admin of any workspace chooses the URL,
 * and the server makes the request from inside the operator's network: left unchecked, a
 * webhook could reach the machine's own services, the office LAN or the cloud's metadata
 * service (and its credentials). So, unless the operator allows it:
 *
 * - loopback, private (RFC 1918), link-local, unique-local, carrier-grade NAT, multicast,
 *   unspecified, broadcast and reserved addresses are refused, IPv4 inside IPv6 (mapped,
 *   NAT64, 6to4) judged by the IPv4 address it carries;
 * - cloud metadata services (169.254.169.254, fd00:ec2::254, metadata.google.internal …)
 *   are refused always, even when the operator allows private addresses: no receiver of
 *   Tandem's events lives there.
 *
 * Checked twice: when a webhook is added (the API and the CLI; literal addresses, and the
 * addresses a host name resolves to), and at each delivery in the socket's own `lookup`, so
 * the connection goes to exactly the address that was checked: a name that resolved to a
 * public address when the webhook was added and to a private one later (DNS rebinding) is
 * refused before any connection is made.
 */

/** The operator's setting: `TANDEM_WEBHOOKS_ALLOW_PRIVATE=1` when the server starts. */
export interface WebhookTargetOptions {
  /** Let webhooks reach loopback, private, link-local… addresses (a receiver on the server's own network). Never metadata services. */
  allowPrivate?: boolean;
  /** Resolves a host name to every address it has (default: the system's resolver, as connections use it). */
  resolve?: Resolver;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

export type WebhookTargetRule = 'private-address' | 'metadata-service';

/** A webhook URL refused by a rule above. A TeamError `invalid`: a 400 from the API, exit 1 from the CLI. */
export class WebhookTargetError extends TeamError {
  constructor(
    readonly rule: WebhookTargetRule,
    message: string,
  ) {
    super('invalid', message);
  }
}

const ruleWords: Record<WebhookTargetRule, string> = {
  'private-address': "Webhook URLs can't point at private or loopback addresses",
  'metadata-service': "Webhook URLs can't point at a cloud metadata service",
};

const refusal = (rule: WebhookTargetRule, why: string) => new WebhookTargetError(rule, `${ruleWords[rule]} (${why}).`);

/** Cloud metadata services by address: instance credentials live behind them. */
const metadataAddresses = new Set([
  '169.254.169.254', // AWS, Google Cloud, Azure, Oracle, DigitalOcean, OpenStack …
  '169.254.170.2', // AWS ECS task metadata
  '100.100.100.200', // Alibaba Cloud
  '168.63.129.16', // Azure's host endpoint (WireServer)
  'fd00:ec2::254', // AWS over IPv6
]);

/** …and by name, as the clouds' own resolvers answer them. */
const metadataNames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data', 'instance-data.ec2.internal', 'metadata.tencentyun.com']);

/** What an address that is not public is, in words, by ipaddr.js's range name. */
const rangeWords: Record<string, string> = {
  loopback: 'is loopback',
  private: 'is private',
  linkLocal: 'is link-local',
  uniqueLocal: 'is unique-local (private IPv6)',
  deprecatedSiteLocal: 'is site-local (private IPv6)',
  carrierGradeNat: 'is carrier-grade NAT space (100.64.0.0/10)',
  multicast: 'is multicast',
  unspecified: 'is unspecified (0.0.0.0/8 or ::)',
  broadcast: 'is broadcast',
};

/**
 * The IPv4 address an IPv6 address carries and that a connection to it would reach:
 * IPv4-mapped (::ffff:a.b.c.d) and -translated, IPv4-compatible (::a.b.c.d), NAT64
 * (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
 */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const p = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (address.range()) {
    case 'ipv4Mapped':
      return address.toIPv4Address();
    case 'rfc6145':
    case 'rfc6052':
      return v4(p[6]!, p[7]!);
    case '6to4':
      return v4(p[1]!, p[2]!);
    case 'unicast':
      // ::a.b.c.d (deprecated IPv4-compatible); :: and ::1 have their own ranges.
      return p.slice(0, 6).every((part) => part === 0) ? v4(p[6]!, p[7]!) : undefined;
    default:
      return undefined;
  }
}

/** What keeps a literal IP from receiving webhooks, as its rule and a phrase ("is private"); undefined when nothing does. */
function judge(address: string, allowPrivate: boolean): { rule: WebhookTargetRule; phrase: string } | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/%.*$/, ''));
  } catch {
    return { rule: 'private-address', phrase: 'is not an address Tandem can check' };
  }
  const inner = parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : undefined;
  if (inner) {
    const judged = judge(inner.toString(), allowPrivate);
    return judged && { rule: judged.rule, phrase: `is ${inner.toString()}, which ${judged.phrase}` };
  }
  if (metadataAddresses.has(parsed.toString())) return { rule: 'metadata-service', phrase: 'is a cloud metadata address' };
  const range = parsed.range();
  if (range === 'unicast' || allowPrivate) return undefined;
  return { rule: 'private-address', phrase: rangeWords[range] ?? 'is reserved, not a public address' };
}

/** Why a literal IP may not receive webhooks, or undefined when it may. */
export function addressRefusal(address: string, { allowPrivate = false }: Pick<WebhookTargetOptions, 'allowPrivate'> = {}): WebhookTargetError | undefined {
  const judged = judge(address, allowPrivate);
  return judged && refusal(judged.rule, `${address} ${judged.phrase}`);
}

/** A host as `new URL()` gives it, without IPv6 brackets or a trailing dot. */
export function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** Why a host name may not receive webhooks before anything is resolved, or undefined. */
function nameRefusal(name: string, allowPrivate: boolean): WebhookTargetError | undefined {
  if (metadataNames.has(name)) return refusal('metadata-service', `${name} is a cloud metadata service`);
  // RFC 6761: localhost and every name under it are this machine, whatever a resolver says.
  if (!allowPrivate && (name === 'localhost' || name.endsWith('.localhost'))) return refusal('private-address', `${name} is loopback`);
  return undefined;
}

/** Why any of the addresses `name` resolved to may not receive webhooks, or undefined. */
function resolvedRefusal(name: string, addresses: readonly LookupAddress[], allowPrivate: boolean): WebhookTargetError | undefined {
  for (const { address } of addresses) {
    const judged = judge(address, allowPrivate);
    if (judged) return refusal(judged.rule, `${name} resolves to ${address}, which ${judged.phrase}`);
  }
  return undefined;
}

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Checks a webhook URL as it is added: a literal address by its range, a host name by its own
 * name and by every address it resolves to now. With private addresses allowed only the
 * metadata rule applies, and names are not resolved (the delivery checks them again).
 * A name that does not resolve now is let through: each delivery resolves it again, and
 * is refused then if it points somewhere refused.
 */
export async function checkWebhookUrl(url: string, options: WebhookTargetOptions = {}): Promise<void> {
  const { allowPrivate = false, resolve = systemResolver } = options;
  const host = bareHost(new URL(url).hostname);
  if (isIP(host)) {
    const refused = addressRefusal(host, { allowPrivate });
    if (refused) throw refused;
    return;
  }
  const named = nameRefusal(host, allowPrivate);
  if (named) throw named;
  if (allowPrivate) return;
  let addresses: LookupAddress[];
  try {
    addresses = await resolve(host);
  } catch {
    return;
  }
  const refused = resolvedRefusal(host, addresses, allowPrivate);
  if (refused) throw refused;
}

/**
 * The socket's `lookup` for a delivery (Node's `http`/`https` `request` option): resolves the
 * host, refuses the connection if any address is refused, and else hands the socket exactly
 * the addresses it checked. A refusal is the socket's error, before any connection.
 * (A literal IP is never looked up by the socket: the worker checks those with addressRefusal.)
 */
export function guardedLookup(options: WebhookTargetOptions = {}) {
  const { allowPrivate = false, resolve = systemResolver } = options;
  return (
    hostname: string,
    lookupOptions: LookupOneOptions | LookupAllOptions | number | undefined,
    callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const wanted = typeof lookupOptions === 'number' ? { family: lookupOptions } : (lookupOptions ?? {});
    const name = bareHost(hostname);
    const named = nameRefusal(name, allowPrivate);
    if (named) return void process.nextTick(callback, named, '');
    const family = wanted.family === 4 || wanted.family === 6 ? wanted.family : undefined;
    // The socket is answered outside the promise, as dns.lookup answers it.
    const answer = (found: LookupAddress[]) => {
      const refused = resolvedRefusal(name, found, allowPrivate);
      if (refused) return callback(refused, '');
      const addresses = family ? found.filter((a) => a.family === family) : found;
      if (!addresses.length) return callback(Object.assign(new Error(`No address for ${name}.`), { code: 'ENOTFOUND' }), '');
      if (wanted.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    };
    Promise.resolve()
      .then(() => resolve(name))
      .then(
        (found) => process.nextTick(answer, found),
        (error: NodeJS.ErrnoException) => process.nextTick(callback, error, ''),
      );
  };
}

/** The setting from the environment: TANDEM_WEBHOOKS_ALLOW_PRIVATE=1 (or true, yes, on). */
export function webhookTargetsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookTargetOptions {
  const text = env.TANDEM_WEBHOOKS_ALLOW_PRIVATE?.trim() ?? '';
  if (/^(1|true|yes|on)$/i.test(text)) return { allowPrivate: true };
  if (/^(0|false|no|off|)$/i.test(text)) return { allowPrivate: false };
  throw new Error(`TANDEM_WEBHOOKS_ALLOW_PRIVATE is 1 (allow webhooks to private and loopback addresses) or 0, not “${text}”.`);
}

/**
 * The setting a server started with, kept with its database handle: the admin API, which is
 * handed the handle, and the worker find it there. Without one (the CLI, say), it comes from
 * the environment.
 */
const settings = new WeakMap<Db, WebhookTargetOptions>();

export function useWebhookTargets(db: Db, options: WebhookTargetOptions): void {
  settings.set(db, options);
}

export function webhookTargetsOf(db: Db): WebhookTargetOptions {
  return settings.get(db) ?? webhookTargetsFromEnv();
}
