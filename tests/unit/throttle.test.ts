// server/auth/throttle.ts lockDuration: FREE_FAILURES cost nothing, then each failure doubles the lock, capped.
import { describe, expect, it } from "vitest";
import { FREE_FAILURES, FREE_FAILURES_PER_IP, lockDuration, throttleKeys } from "@/server/auth/throttle";

const SECOND = 1_000;
const CAP = 15 * 60 * SECOND;

describe("lockDuration", () => {
  it("does not lock for the first FREE_FAILURES failures", () => {
    expect(FREE_FAILURES).toBe(5);
    for (let failures = 0; failures <= FREE_FAILURES; failures++) expect(lockDuration(failures), `${failures}`).toBe(0);
  });

  it("locks for one second on the first failure past the free ones, then doubles", () => {
    expect(lockDuration(FREE_FAILURES + 1)).toBe(1 * SECOND);
    expect(lockDuration(FREE_FAILURES + 2)).toBe(2 * SECOND);
    expect(lockDuration(FREE_FAILURES + 3)).toBe(4 * SECOND);
    expect(lockDuration(FREE_FAILURES + 4)).toBe(8 * SECOND);
    for (let failures = FREE_FAILURES + 2; failures <= FREE_FAILURES + 10; failures++) {
      expect(lockDuration(failures), `${failures}`).toBe(2 * lockDuration(failures - 1));
    }
  });

  it("is capped at 15 minutes, however many failures", () => {
    expect(lockDuration(FREE_FAILURES + 10)).toBe(512 * SECOND);
    expect(lockDuration(FREE_FAILURES + 11)).toBe(CAP); // 1024 s would exceed the cap
    for (const failures of [FREE_FAILURES + 12, 100, 1_000, 1_000_000])
      expect(lockDuration(failures), `${failures}`).toBe(CAP);
  });

  it("never decreases as failures grow", () => {
    let previous = 0;
    for (let failures = 0; failures < 60; failures++) {
      const lock = lockDuration(failures);
      expect(lock).toBeGreaterThanOrEqual(previous);
      previous = lock;
    }
  });
});

describe("throttleKeys", () => {
  it("keys the IP when known, first, then the account case-insensitively", () => {
    expect(throttleKeys("Alice@Acme.Example", "10.0.0.1")).toEqual([
      { key: "ip:10.0.0.1", free: FREE_FAILURES_PER_IP },
      { key: "account:alice@acme.example", free: FREE_FAILURES },
    ]);
    expect(throttleKeys("alice@acme.example", null)).toEqual([
      { key: "account:alice@acme.example", free: FREE_FAILURES },
    ]);
  });

  it("counts an IPv6 client by its /64: a host cannot rotate addresses within its prefix", () => {
    const a = throttleKeys("a@b.example", "2001:db8:1:2:aaaa::1")[0]!.key;
    const b = throttleKeys("a@b.example", "2001:0db8:0001:0002:ffff:1:2:3")[0]!.key;
    expect(a).toBe("ip:2001:db8:1:2::/64");
    expect(b).toBe(a);
    expect(throttleKeys("a@b.example", "2001:db8:1:3::1")[0]!.key).not.toBe(a);
  });
});
