import { isIPv4, isIPv6 } from 'node:net';

/**
 * Whether a listen address only accepts connections from this machine: `localhost`, an IPv4
 * address in 127.0.0.0/8, `::1`, or an IPv4-mapped 127.x address.
 *
 * @param host - the host the server listens on.
 * @returns `true` for a loopback address.
 */
export function isLoopbackHost(host: string): boolean {
  const address = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (address.toLowerCase() === 'localhost') return true;
  if (isIPv4(address)) return address.startsWith('127.');
  if (!isIPv6(address)) return false;
  const lower = address.toLowerCase();
  if (lower === '::1' || lower === '0:0:0:0:0:0:0:1') return true;
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)?.[1];
  return mapped !== undefined && isIPv4(mapped) && mapped.startsWith('127.');
}
