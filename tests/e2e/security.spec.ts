import http from "node:http";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { afterServerAction, demoAccount, en, signIn } from "./support";

// What an outsider could try against a portal started as a new user would.

/** `callbackUrl` as a link would carry it, each decoding to a way off the portal (or a harmless path). */
const HOSTILE_CALLBACKS = [
  "/%5Cevil.example",
  "%2F%2Fevil.example",
  "//evil.example",
  "/%09/evil.example",
  "/%0A/evil.example",
  "https%3A%2F%2Fevil.example%2F",
  "javascript:alert(1)",
  "%5C%5Cevil.example",
  "https://localhost@evil.example/",
];

test("signing in from a link never leaves the portal, whatever its callbackUrl says", async ({ browser, baseURL }) => {
  const carol = demoAccount(DEMO_ACCOUNTS.carol.email);
  for (const callback of [...HOSTILE_CALLBACKS, "/profile"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/signin?callbackUrl=${callback}`);
    await page.getByLabel(en.auth.email, { exact: true }).fill(carol.email);
    await page.getByLabel(en.auth.password, { exact: true }).fill(carol.password);
    await page.getByRole("button", { name: en.auth.submit, exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
    expect(new URL(page.url()).origin, callback).toBe(new URL(baseURL!).origin);
    if (callback === "/profile") expect(new URL(page.url()).pathname).toBe("/profile");
    await context.close();
  }
});

/** One request to the portal from a loopback address of our choosing, so a lock on it stays its own. */
function request(url: URL, options: { method?: string; headers?: Record<string, string>; body?: string }) {
  const target = new URL(url);
  target.hostname = "127.0.0.1"; // IPv4, so the source address below applies
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const call = http.request(target, { ...options, localAddress: "127.0.0.2" }, (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    call.on("error", reject);
    call.end(options.body);
  });
}

type Session = { cookie: string; csrfToken: string };

/** next-auth's CSRF token and its cookie, as its sign-in form gets them. */
async function csrfSession(base: string): Promise<Session> {
  const csrf = await request(new URL("/api/auth/csrf", base), {});
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  return { cookie, csrfToken: (JSON.parse(csrf.body) as { csrfToken: string }).csrfToken };
}

/** A wrong-password sign-in through next-auth's own endpoint; the error code it ends with. */
async function failedSignIn(base: string, session: Session, email: string, forwardedFor: string): Promise<string> {
  const form = new URLSearchParams({ csrfToken: session.csrfToken, email, password: "not-the-password", json: "true" });
  const answer = await request(new URL("/api/auth/callback/credentials", base), {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: session.cookie,
      "x-forwarded-for": forwardedFor,
    },
    body: form.toString(),
  });
  const { url } = JSON.parse(answer.body) as { url: string };
  return new URL(url).searchParams.get("error") ?? "ok";
}

test("30 failed sign-ins from one client are rate-limited, whatever X-Forwarded-For it forges", async ({ baseURL }) => {
  const base = baseURL!;
  const sessions = await Promise.all(Array.from({ length: 30 }, () => csrfSession(base)));
  // Each guess at another account, each claiming another address.
  const attempt = (i: number) => failedSignIn(base, sessions[i]!, `nobody-${i}@guess.example`, `203.0.113.${i}`);
  const results: string[] = [];
  for (let i = 0; i < 30; i++) results.push(await attempt(i));
  // An address's allowance is 20 failures; past it each failure locks the address for 1 s, then 2 s, 4 s…
  // and a refused attempt counts for nothing. So the first 20 are checked, and of the ten after them
  // only the ones a lock had run out for by then (the 21st, and on a slow machine a few more) are.
  expect(results.slice(0, 20)).toEqual(Array(20).fill("invalid_credentials"));
  const checked = results.slice(20).filter((r) => r === "invalid_credentials").length;
  expect(checked).toBeLessThanOrEqual(4);
  expect(results.slice(20).filter((r) => r === "rate_limited")).toHaveLength(10 - checked);
});

test("pages carry a nonce-based script policy and the other security headers, as a browser receives them", async ({
  page,
}) => {
  const first = await page.goto("/signin");
  const headers = first!.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Over plain HTTP, no HSTS (it would pin a host that cannot serve HTTPS).
  expect(headers["strict-transport-security"]).toBeUndefined();
  // Next put this response's nonce on every script it rendered, so the page still runs: sign-in works.
  const scriptNonces = await page
    .locator("script")
    .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  const second = await page.goto("/signin");
  expect(second!.headers()["content-security-policy"]).not.toBe(policy);
  await signIn(page, DEMO_ACCOUNTS.bob.email);
});

/** A server action's request as the browser made it, replayed from outside the browser. */
type CapturedAction = { url: string; headers: Record<string, string>; body: string };

async function replay(action: CapturedAction, cookie: string, origin: string) {
  // The Host the browser sent (the socket goes to 127.0.0.1; see request()).
  const headers = { ...action.headers, cookie, origin, host: new URL(action.url).host };
  return request(new URL(action.url), { method: "POST", headers, body: action.body });
}

test("a server action posted with another site's Origin is refused, and changes nothing", async ({ page, baseURL }) => {
  // Grace's profile stays in English through the suite (other specs move Bob, Carol and Ivy elsewhere).
  await signIn(page, DEMO_ACCOUNTS.grace.email);
  await page.goto("/profile");
  const name = page.getByLabel(en.profile.name, { exact: true });
  await expect(name).toHaveValue(DEMO_ACCOUNTS.grace.name);
  // Capture the browser's own action request (and keep it from reaching the server)...
  const captured = new Promise<CapturedAction>((resolve) => {
    void page.route("**/profile", async (route) => {
      const sent = route.request();
      if (sent.method() !== "POST" || !sent.headers()["next-action"]) return route.continue();
      const keep = ["next-action", "next-router-state-tree", "content-type", "accept"];
      const headers = Object.fromEntries(Object.entries(sent.headers()).filter(([key]) => keep.includes(key)));
      resolve({ url: sent.url(), headers, body: sent.postData() ?? "" });
      await route.abort();
    });
  });
  await name.fill("Renamed by evil.example");
  await page.getByRole("button", { name: en.profile.save }).click();
  const action = await captured;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  // ...then send it as a page on evil.example would, with the same cookie: Next refuses it.
  const foreign = await replay(action, cookie, "http://evil.example");
  expect(foreign.status).toBe(500);
  await page.unroute("**/profile");
  await page.reload();
  await expect(page.getByLabel(en.profile.name, { exact: true })).toHaveValue(DEMO_ACCOUNTS.grace.name);
  // The same request from the portal's own origin goes through: the refusal was the origin's doing.
  expect((await replay(action, cookie, new URL(baseURL!).origin)).status).toBe(200);
  await page.reload();
  await expect(page.getByLabel(en.profile.name, { exact: true })).toHaveValue("Renamed by evil.example");
  await page.getByLabel(en.profile.name, { exact: true }).fill(DEMO_ACCOUNTS.grace.name);
  await afterServerAction(page, () => page.getByRole("button", { name: en.profile.save }).click());
});
