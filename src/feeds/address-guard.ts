// Keeps feeds added from chat from making sitroom probe the network it runs in: they may only
// connect to public IPs. Loopback, private, link-local (cloud metadata at 169.254.169.254),
// carrier-grade NAT, multicast and unspecified addresses are refused unless the config lists them.
// The check sits in the HTTP connector: the name is resolved once, each address is checked, and
// the socket is opened to the checked address itself, so a DNS answer that changes between a
// check and the connection (rebinding) cannot slip through. Redirects connect the same way.
import { lookup } from 'node:dns/promises';
import { createRequire } from 'node:module';
import { BlockList, isIP } from 'node:net';
import type { Dispatcher } from 'undici';
import { FeedFetchError } from './fetch-feed.js';

const NON_PUBLIC_IPV4 = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  NON_PUBLIC_IPV4.addSubnet(network, prefix, 'ipv4');
}
// Kept apart from the IPv4 list: a BlockList also matches IPv4 addresses against IPv6 rules for
// IPv4-mapped addresses (::ffff:0:0/96), which, in one list, refused every public IPv4.
const NON_PUBLIC_IPV6 = new BlockList();
for (const [network, prefix] of [['::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  NON_PUBLIC_IPV6.addSubnet(network, prefix, 'ipv6');
}
const IPV4_MAPPED = new BlockList();
IPV4_MAPPED.addSubnet('::ffff:0:0', 96, 'ipv6');
const MAPPED_DOTTED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
const MAPPED_HEX = /^::ffff:([\da-f]{1,4}):([\da-f]{1,4})$/i;

/** The addresses a host name has, as DNS (or a test) answers. */
export type HostResolver = (hostname: string) => Promise<string[]>;

/** How guarded feeds reach the network; tests answer names with public addresses and dial 127.0.0.1 instead. */
export interface FeedNetwork {
  resolveHost: HostResolver;
  /** The address a socket is actually opened to, given the checked one. */
  dialAddress?: (checkedAddress: string) => string;
}

export interface AddressGuard {
  /** Refuses what can be refused before connecting: schemes other than http(s), and IP literals that are not public. */
  checkUrl(url: URL): void;
  /** Fetches through this connect anew for every request and check the address of each connection. */
  readonly dispatcher: Dispatcher;
}

const systemNetwork: FeedNetwork = {
  resolveHost: async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address),
};

/** A guard that lets through public addresses only, and the IPs in `allowed` (e.g. 127.0.0.1 in tests). */
export function publicAddressesOnly(allowed: readonly string[], network: FeedNetwork = systemNetwork): AddressGuard {
  const allowedSet = new Set(allowed);
  const refuseIfNotPublic = (host: string, address: string): void => {
    if (!allowedSet.has(address) && !isPublicAddress(address)) {
      throw new FeedFetchError(`${host} resolves to ${address}, a private or local address; feeds added from chat must be public (an admin can allow it with polling.allowAddresses in the config)`);
    }
  };
  const dial = network.dialAddress ?? ((address: string) => address);
  let agent: Dispatcher | undefined;
  const createAgent = (): Dispatcher => {
    // undici is over a hundred files to load: required when a guarded feed is first fetched, not at every start.
    const { Agent, buildConnector } = createRequire(import.meta.url)('undici') as typeof import('undici');
    const connect = buildConnector({});
    return new Agent({
      // No keep-alive: a socket kept from an earlier request would skip the next request's check.
      pipelining: 0,
      connect(options, callback) {
        const host = withoutBrackets(options.hostname);
        resolveChecked(host, network.resolveHost, refuseIfNotPublic).then(
          (address) => connect({ ...options, hostname: dial(address), servername: isIP(host) ? options.servername : host }, callback),
          (error: Error) => callback(error, null),
        );
      },
    });
  };
  return {
    checkUrl(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFetchError(`only http(s) feeds can be added from chat, not ${url.protocol}//`);
      const host = withoutBrackets(url.hostname);
      if (isIP(host)) refuseIfNotPublic(host, host);
    },
    get dispatcher() {
      return (agent ??= createAgent());
    },
  };
}

/** The first address of a host, once every address it has is checked (one bad answer refuses the name). */
async function resolveChecked(host: string, resolveHost: HostResolver, refuseIfNotPublic: (host: string, address: string) => void): Promise<string> {
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolveHost(host);
  } catch (error) {
    throw new FeedFetchError(`cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (addresses.length === 0) throw new FeedFetchError(`cannot resolve ${host}: no addresses`);
  for (const address of addresses) refuseIfNotPublic(host, address);
  return addresses[0]!;
}

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !NON_PUBLIC_IPV4.check(address, 'ipv4');
  if (family !== 6) return false;
  if (IPV4_MAPPED.check(address, 'ipv6')) {
    const mapped = mappedIpv4(address);
    return mapped !== null && !NON_PUBLIC_IPV4.check(mapped, 'ipv4');
  }
  return !NON_PUBLIC_IPV6.check(address, 'ipv6');
}

/** The IPv4 address inside ::ffff:a.b.c.d or ::ffff:xxxx:yyyy; null for other spellings, which are then refused. */
function mappedIpv4(address: string): string | null {
  const dotted = MAPPED_DOTTED.exec(address);
  if (dotted) return dotted[1]!;
  const hex = MAPPED_HEX.exec(address);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

function withoutBrackets(host: string): string {
  return host.replace(/^\[|\]$/g, '');
}
