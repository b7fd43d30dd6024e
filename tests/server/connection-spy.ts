import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import net, { type AddressInfo } from 'node:net';

/**
 * Watches every TCP connection this test process starts, and makes sure none leaves the
 * machine: the webhook tests must only ever connect to 127.0.0.0/8 or ::1.
 *
 * It wraps `net.Socket.prototype.connect` (which `http`, `https`, `tls` and fetch all end in):
 *
 * - a host name is resolved by the socket's own `lookup` when it has one (the webhook worker's
 *   guarded lookup), else by `names` — never by a real DNS server;
 * - whatever address would be reached is recorded; one that is not loopback is replaced by
 *   the sentinel, a listener on 127.0.0.1 that counts the connections it gets and drops them.
 *
 * Tests use URLs on the sentinel's port: a connection that a check failed to stop lands on the
 * sentinel (counted) instead of the network. A lookup that refuses is recorded with its error,
 * and no address reaches the socket.
 */

export interface Attempt {
  host: string;
  port: number;
  /** The addresses the socket was given (before any diversion); absent when its lookup failed. */
  addresses?: string[];
  /** Why the lookup failed. */
  error?: string;
}

export interface ConnectionSpy {
  /** The sentinel's port on 127.0.0.1. */
  port: number;
  attempts: Attempt[];
  /** Connections the sentinel received: each one would have gone to an address that is not loopback. */
  sentinelHits(): number;
  restore(): Promise<void>;
}

type Callback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Lookup = (hostname: string, options: { all?: boolean; family?: number }, callback: Callback) => void;

const isLoopback = (address: string) => address === '::1' || /^127\.\d+\.\d+\.\d+$/.test(address) || /^::ffff:127\.\d+\.\d+\.\d+$/i.test(address);

/** `names`: what host names resolve to while the spy is on; `localhost` always resolves as the system says. */
export async function spyOnConnections(names: (hostname: string) => string[] | undefined = () => undefined): Promise<ConnectionSpy> {
  let hits = 0;
  const sentinel = net.createServer((socket) => {
    hits++;
    socket.destroy();
  });
  await new Promise<void>((done) => sentinel.listen(0, '127.0.0.1', () => done()));
  const sentinelPort = (sentinel.address() as AddressInfo).port;
  const attempts: Attempt[] = [];

  const testLookup: Lookup = (hostname, options, callback) => {
    if (hostname === 'localhost') return void dnsLookup(hostname, { all: true }, (error, found) => (options.all ? callback(error, found) : callback(error, found?.[0]?.address ?? '', found?.[0]?.family)));
    const found = names(hostname);
    if (!found?.length) return void process.nextTick(callback, Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
    const list = found.map((address) => ({ address, family: net.isIP(address) }));
    process.nextTick(() => (options.all ? callback(null, list) : callback(null, list[0]!.address, list[0]!.family)));
  };

  type Options = Omit<net.TcpNetConnectOpts, 'lookup'> & { lookup?: Lookup };

  function guard(options: Options) {
    const host = options.host ?? 'localhost';
    const port = Number(options.port);
    if (net.isIP(host)) {
      if (isLoopback(host)) return;
      attempts.push({ host, port, addresses: [host] });
      options.host = '127.0.0.1';
      return;
    }
    const inner: Lookup = options.lookup ?? testLookup;
    options.lookup = (hostname, lookupOptions, callback) =>
      inner(hostname, lookupOptions, (error, address, family) => {
        if (error) {
          attempts.push({ host, port, error: error.message });
          return callback(error, '');
        }
        const list = Array.isArray(address) ? address : [{ address, family: family ?? net.isIP(address) }];
        attempts.push({ host, port, addresses: list.map((a) => a.address) });
        const safe = list.map((a) => (isLoopback(a.address) ? a : { address: '127.0.0.1', family: 4 }));
        if (Array.isArray(address)) callback(null, safe);
        else callback(null, safe[0]!.address, safe[0]!.family);
      });
  }

  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const [first] = args;
    const options = Array.isArray(first) ? (first[0] as unknown) : first;
    if (typeof options === 'object' && options !== null) {
      if (!('path' in options && options.path)) guard(options as Options);
    } else if (typeof options === 'number' || typeof options === 'string') {
      // connect(port, host?, listener?), as the pg driver calls it.
      const host = typeof args[1] === 'string' ? args[1] : 'localhost';
      if (!isLoopback(host)) {
        const normalised: Options = { port: Number(options), host };
        guard(normalised);
        args = [normalised, ...args.filter((a) => typeof a === 'function')];
      }
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;

  return {
    port: sentinelPort,
    attempts,
    sentinelHits: () => hits,
    async restore() {
      net.Socket.prototype.connect = original;
      await new Promise((done) => sentinel.close(done));
    },
  };
}
