// What route handlers refuse before doing anything: state-changing requests a browser sent from another
// site with the session cookie (cross-site request forgery), and bodies without their declared type.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/services/audit/record-audit";
import { platformAdminOf, runAsActor } from "../support/actors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let seeded: SeededDatabase;
let admin: Actor;
let routes: { list: Handler; create: Handler; yaml: Handler; importYaml: Handler };
let portal: string;
/** A SKU file of the seed's, renamed so importing it would create a SKU. */
let file: string;

const NEW_SLUG = "forged-sku";
const EVIL = "https://evil.example";

beforeAll(async () => {
  seeded = await createProcessDatabase();
  admin = await platformAdminOf(seeded.db);
  portal = new URL((await import("@/server/auth/safe-redirect")).portalOrigin()).origin;
  const skus = await import("@/app/api/v1/skus/route");
  routes = {
    list: skus.GET,
    create: skus.POST,
    yaml: (await import("@/app/api/v1/skus/[skuId]/yaml/route")).GET,
    importYaml: (await import("@/app/api/v1/skus/import/route")).POST,
  };
  const sku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "dev-pod-small" } });
  const exported = await call(routes.yaml, new Request(`http://localhost/api/v1/skus/${sku.id}/yaml`), {
    skuId: sku.id,
  });
  file = (await exported.text()).replace("slug: dev-pod-small", `slug: ${NEW_SLUG}`);
});

afterAll(() => closeProcessDatabase(seeded));

/** The request as the signed-in provider admin's browser would send it: with the session's caller. */
const call = (handler: Handler, request: Request, params: Record<string, string> = {}) =>
  runAsActor(admin, () => handler(request, { params: Promise.resolve(params) }));

const importRequest = (headers: Record<string, string>, query = "dryRun=false") =>
  new Request(`http://localhost/api/v1/skus/import?${query}`, { method: "POST", headers, body: file });

const forgedSkus = () => seeded.db.sku.count({ where: { slug: NEW_SLUG } });

describe("cross-site requests with the session cookie", () => {
  it("a page elsewhere posting a SKU file as text/plain is refused before anything is read", async () => {
    // What a form or fetch() on another site can send without a CORS preflight.
    for (const query of ["dryRun=true", "dryRun=false"]) {
      const request = importRequest({ Origin: EVIL, "Content-Type": "text/plain;charset=UTF-8" }, query);
      const response = await call(routes.importYaml, request);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({ error: { code: "forbidden" } });
      expect(request.bodyUsed).toBe(false);
    }
    expect(await forgedSkus()).toBe(0);
  });

  it("is refused from any other origin, a subdomain or an opaque one, whatever the content type", async () => {
    const subdomain = portal.replace("://", "://app.");
    for (const origin of [EVIL, subdomain, "null"]) {
      const request = importRequest({ Origin: origin, "Content-Type": "application/yaml" });
      expect((await call(routes.importYaml, request)).status, origin).toBe(403);
    }
    expect(await forgedSkus()).toBe(0);
  });

  it("is refused when Sec-Fetch-Site says cross-site or same-site (apps live on subdomains)", async () => {
    for (const site of ["cross-site", "same-site"]) {
      const request = importRequest({ "Sec-Fetch-Site": site, "Content-Type": "application/yaml" });
      const response = await call(routes.importYaml, request);
      expect(response.status, site).toBe(403);
      expect(request.bodyUsed).toBe(false);
    }
    expect(await forgedSkus()).toBe(0);
  });

  it("from the portal's own pages (or without a browser's headers) goes through", async () => {
    const checked = await call(
      routes.importYaml,
      importRequest(
        { Origin: portal, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/yaml" },
        "dryRun=true",
      ),
    );
    expect(checked.status).toBe(200);
    expect(await checked.json()).toEqual({ ok: true, dryRun: true });
    // Typed in the address bar or sent by curl: no page to forge it.
    const direct = await call(
      routes.importYaml,
      importRequest({ "Sec-Fetch-Site": "none", "Content-Type": "text/yaml" }),
    );
    expect(direct.status).toBe(200);
    expect(await forgedSkus()).toBe(1);
  });

  it("leave GET requests alone", async () => {
    const request = new Request("http://localhost/api/v1/skus", {
      headers: { Origin: EVIL, "Sec-Fetch-Site": "cross-site" },
    });
    const response = await call(routes.list, request);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { skus: unknown[] }).skus.length).toBeGreaterThan(0);
  });
});

describe("request bodies", () => {
  it("must declare their kind's content type, or are refused unread with 415", async () => {
    const same = { Origin: portal, "Sec-Fetch-Site": "same-origin" };
    for (const type of ["text/plain", "application/json", "application/x-www-form-urlencoded", ""]) {
      const request = importRequest({ ...same, ...(type && { "Content-Type": type }) }, "dryRun=true");
      const response = await call(routes.importYaml, request);
      expect(response.status, type).toBe(415);
      expect(await response.json()).toEqual({ error: { code: "unsupported_media_type" } });
      expect(request.bodyUsed).toBe(false);
    }
    const json = new Request("http://localhost/api/v1/skus", {
      method: "POST",
      headers: { ...same, "Content-Type": "text/plain" },
      body: JSON.stringify({ slug: "typed-wrong", spec: {} }),
    });
    expect((await call(routes.create, json)).status).toBe(415);
  });

  it("take each YAML type, with parameters, in any case", async () => {
    for (const type of ["application/yaml", "application/x-yaml", "text/yaml", "Application/YAML; charset=utf-8"]) {
      const response = await call(routes.importYaml, importRequest({ "Content-Type": type }, "dryRun=true"));
      expect(response.status, type).toBe(200);
    }
  });
});
