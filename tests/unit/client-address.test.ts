// The client's address for throttling: from the socket, and from X-Forwarded-For only as far as the
// proxies the portal is told to trust wrote it.
import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, plainAddress, throttleAddress } from "@/server/http/client-address";

const NONE = { hops: 0, proxies: null };

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For says", () => {
    expect(clientAddress("198.51.100.7", "203.0.113.1, 203.0.113.2", NONE)).toBe("198.51.100.7");
    for (let i = 0; i < 30; i++) expect(clientAddress("198.51.100.7", `10.0.0.${i}`, NONE)).toBe("198.51.100.7");
  });

  it("with a hop count, takes the entry the nearest trusted proxy appended", () => {
    const oneProxy = { hops: 1, proxies: null };
    expect(clientAddress("10.1.1.1", "203.0.113.9, 198.51.100.7", oneProxy)).toBe("198.51.100.7");
    expect(clientAddress("10.1.1.1", undefined, oneProxy)).toBe("10.1.1.1");
  });

  it("with trusted CIDRs, walks back past each trusted proxy and stops at the first that is not", () => {
    const trust = { hops: 0, proxies: parseTrustedProxies("10.0.0.0/8, fd00::/8") };
    expect(clientAddress("10.0.0.5", "forged, 198.51.100.7, 10.2.3.4", trust)).toBe("198.51.100.7");
    expect(clientAddress("fd00::1", "2001:db8::9", trust)).toBe("2001:db8::9");
    // A client that is not a trusted proxy cannot speak for anyone else.
    expect(clientAddress("198.51.100.7", "10.0.0.1", trust)).toBe("198.51.100.7");
  });

  it("reads IPv4 on an IPv6 socket as IPv4", () => {
    expect(plainAddress("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(clientAddress("::ffff:192.0.2.1", undefined, NONE)).toBe("192.0.2.1");
  });

  it("refuses a configuration entry that is not an address", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.example")).toThrow(/proxy\.example/);
  });
});

describe("throttleAddress", () => {
  it("keeps IPv4 addresses, and counts IPv6 by /64 however it is written", () => {
    expect(throttleAddress("192.0.2.1")).toBe("192.0.2.1");
    expect(throttleAddress("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(throttleAddress("2001:db8:0:0:ffff::2")).toBe("2001:db8:0:0::/64");
    expect(throttleAddress("64:ff9b::192.0.2.1")).toBe("64:ff9b:0:0::/64");
  });
});
