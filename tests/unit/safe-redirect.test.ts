// Where a sign-in may send the user afterwards: only paths on the portal's own origin.
import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/server/auth/safe-redirect";

const ORIGIN = "https://portal.example";

describe("sameOriginPath", () => {
  it("keeps paths on the portal, with their query and fragment", () => {
    expect(sameOriginPath("/marketplace", ORIGIN)).toBe("/marketplace");
    expect(sameOriginPath("/admin/audit?after=x1#top", ORIGIN)).toBe("/admin/audit?after=x1#top");
    expect(sameOriginPath("https://portal.example/org", ORIGIN)).toBe("/org");
    expect(sameOriginPath(undefined, ORIGIN)).toBe("/");
  });

  // What the query string decodes `callbackUrl` to, for each form an attacker might send.
  it.each([
    "//evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    " //evil.example",
    "https://evil.example/",
    "http://portal.example/",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "https://portal.example@evil.example/",
    "///evil.example",
  ])("sends %j to /", (requested) => {
    expect(sameOriginPath(requested, ORIGIN)).toBe("/");
  });

  it("leaves an encoded slash or backslash as a harmless path on the portal", () => {
    expect(sameOriginPath("/%5Cevil.example", ORIGIN)).toBe("/%5Cevil.example");
    expect(sameOriginPath("/%2F%2Fevil.example", ORIGIN)).toBe("/%2F%2Fevil.example");
  });
});
