import { BlockList, isIP } from "node:net";

/**
 * Which proxies in front of the portal may speak for the client. X-Forwarded-For entries are whatever
 * the client sent, each trusted proxy appending the address it saw; so the client is the first address,
 * walking back from the socket, that is not a trusted proxy. With nothing configured, the socket's peer
 * is the client and the header is ignored: a client cannot choose its own address.
 */
export type ProxyTrust = { hops: number; proxies: BlockList | null };

/** `PORTICO_TRUSTED_PROXIES`: addresses and CIDRs ("10.0.0.0/8, fd00::/8, 192.0.2.7"). */
export function parseTrustedProxies(list: string | undefined): BlockList | null {
  const entries = (list ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return null;
  const blocks = new BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/");
    const family = isIP(address ?? "");
    if (!address || family === 0) throw new Error(`PORTICO_TRUSTED_PROXIES: "${entry}" is not an address or CIDR`);
    const type = family === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) blocks.addAddress(address, type);
    else blocks.addSubnet(address, Number(bits), type);
  }
  return blocks;
}

/** "::ffff:192.0.2.1" (IPv4 on an IPv6 socket) is 192.0.2.1. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

const isTrusted = (address: string, trust: ProxyTrust) =>
  trust.proxies?.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") ?? false;

/** The client's address, from the socket's peer and the X-Forwarded-For the trusted proxies wrote. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: ProxyTrust) {
  const socket = socketAddress ? plainAddress(socketAddress) : null;
  const forwarded = (forwardedFor ?? "")
    .split(",")
    .map((entry) => plainAddress(entry.trim()))
    .filter((e) => isIP(e));
  // From the nearest hop outwards: the socket, then each entry from the right.
  const chain = socket ? [socket, ...forwarded.reverse()] : forwarded.reverse();
  let index = 0;
  while (index < chain.length - 1 && (index < trust.hops || isTrusted(chain[index]!, trust))) index++;
  return chain[index] ?? null;
}

/** Throttling counts an IPv6 client by its /64 (one host usually holds a whole /64), IPv4 by address. */
export function throttleAddress(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return `${groups.slice(0, 4).join(":")}::/64`;
}

function expandIpv6(withZone: string): string[] {
  const address = embeddedIpv4AsHex(withZone.split("%")[0]!);
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = address.includes("::") && tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return groups.map((group) => Number.parseInt(group, 16).toString(16));
}

/** "64:ff9b::192.0.2.1" → "64:ff9b::c000:201": the last 32 bits written as IPv4. */
function embeddedIpv4AsHex(address: string): string {
  const match = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(address);
  if (!match) return address;
  const [a, b, c, d] = match.slice(2).map(Number) as [number, number, number, number];
  return `${match[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
