// Keeps feeds added from chat from making sitroom probe the network it runs in: their addresses
// must resolve to public IPs. Loopback, private, link-local (cloud metadata at 169.254.169.254),
// carrier-grade NAT, multicast and unspecified addresses are refused unless the config lists them.
// Checked before every request, redirects included, so a public feed cannot redirect inwards.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { FeedFetchError } from './fetch-feed.js';

const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['::ffff:0:0', 96]] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

export type AddressCheck = (url: URL) => Promise<void>;

/** A check that refuses non-public addresses, except the IPs in `allowed` (e.g. 127.0.0.1 in tests). */
export function publicAddressesOnly(allowed: readonly string[]): AddressCheck {
  const allowedSet = new Set(allowed);
  return async (url) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FeedFetchError(`only http(s) feeds can be added from chat, not ${url.protocol}//`);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: string[];
    try {
      addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch (error) {
      throw new FeedFetchError(`cannot resolve ${host}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    for (const address of addresses) {
      if (allowedSet.has(address)) continue;
      if (NON_PUBLIC.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')) {
        throw new FeedFetchError(`${host} resolves to ${address}, a private or local address; feeds added from chat must be public (an admin can allow it with polling.allowAddresses in the config)`);
      }
    }
  };
}
