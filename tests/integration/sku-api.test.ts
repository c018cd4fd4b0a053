// The SKU REST API and its YAML files, through the real route handlers, on PostgreSQL.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Actor } from "@/server/services/audit/record-audit";
import { platformAdminOf, runAsActor } from "../support/actors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let admin: Actor;
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: { list: Handler; create: Handler; yaml: Handler; importYaml: Handler; publish: Handler };

// Each body kind must declare its content type (server/routes/read-body.ts).
const YAML = { "Content-Type": "application/yaml" };
const JSON_BODY = { "Content-Type": "application/json" };

const call = (handler: Handler, url: string, init: RequestInit = {}, params: Record<string, string> = {}) =>
  runAsActor(admin, () => handler(new Request(`http://localhost${url}`, init), { params: Promise.resolve(params) }));

beforeAll(async () => {
  seeded = await createProcessDatabase();
  admin = await platformAdminOf(seeded.db);
  const skus = await import("@/app/api/v1/skus/route");
  routes = {
    list: skus.GET,
    create: skus.POST,
    yaml: (await import("@/app/api/v1/skus/[skuId]/yaml/route")).GET,
    importYaml: (await import("@/app/api/v1/skus/import/route")).POST,
    publish: (await import("@/app/api/v1/sku-versions/[versionId]/publish/route")).POST,
  };
});

afterAll(() => closeProcessDatabase(seeded));

describe("SKU files", () => {
  it("export, then import as a new SKU with its sharing by org and project names", async () => {
    const seededSku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "qwen2-5-7b-instruct" } });
    const exported = await (
      await call(routes.yaml, `/api/v1/skus/${seededSku.id}/yaml`, {}, { skuId: seededSku.id })
    ).text();
    const doc = parse(exported) as { metadata: { slug: string }; sharing: unknown };
    expect(doc.sharing).toEqual({ sharedWithAll: false, orgs: [{ org: "acme", projects: ["research"] }] });

    const copy = exported.replace("slug: qwen2-5-7b-instruct", "slug: qwen-copy");
    const response = await call(routes.importYaml, "/api/v1/skus/import", {
      method: "POST",
      headers: YAML,
      body: copy,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { skuId: string; created: boolean };
    expect(body.created).toBe(true);
    const imported = await seeded.db.sku.findUniqueOrThrow({
      where: { id: body.skuId },
      include: { shares: true, versions: true },
    });
    expect(imported.versions.map((v) => v.state)).toEqual(["DRAFT"]);
    expect(imported.shares).toHaveLength(1);

    // Importing the same file again makes a new draft of that SKU, never a second SKU.
    await call(
      routes.publish,
      `/api/v1/sku-versions/${imported.versions[0]!.id}/publish`,
      { method: "POST" },
      { versionId: imported.versions[0]!.id },
    );
    const again = (await (
      await call(routes.importYaml, "/api/v1/skus/import", { method: "POST", headers: YAML, body: copy })
    ).json()) as { created: boolean };
    expect(again.created).toBe(false);
    expect(await seeded.db.skuVersion.count({ where: { skuId: body.skuId } })).toBe(2);
  });

  it("refuse a bad file with each problem's line, changing nothing", async () => {
    const before = await seeded.db.sku.count();
    const syntax = await call(routes.importYaml, "/api/v1/skus/import", {
      method: "POST",
      headers: YAML,
      body: "apiVersion: portico.dev/v1\nkind: Sku\nmetadata: [unclosed\n",
    });
    expect(syntax.status).toBe(400);
    expect(
      ((await syntax.json()) as { error: { problems: { key: string; line: number }[] } }).error.problems[0],
    ).toMatchObject({ key: "yamlSyntax" });

    const seededSku = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "dev-pod-small" } });
    const good = await (
      await call(routes.yaml, `/api/v1/skus/${seededSku.id}/yaml`, {}, { skuId: seededSku.id })
    ).text();
    const lines = good.replace("slug: dev-pod-small", "slug: broken-pod").split("\n");
    const cpuLine = lines.findIndex((line) => /^\s+cpu: /.test(line));
    lines[cpuLine] = lines[cpuLine]!.replace(/cpu: .*/, "cpu: -3");
    const response = await call(routes.importYaml, "/api/v1/skus/import", {
      method: "POST",
      headers: YAML,
      body: lines.join("\n"),
    });
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { problems: { path: string; line: number; key: string }[] } };
    expect(error.problems).toContainEqual(expect.objectContaining({ path: "spec.compute.cpu", line: cpuLine + 1 }));
    expect(await seeded.db.sku.count()).toBe(before);
  });
});

describe("SKU file sharing", () => {
  type Problem = { path: string; line: number; key: string };
  /** An exported file under a new slug, with its sharing block replaced; the block's first line is returned too. */
  async function fileWithSharing(slug: string, sharing: string[]) {
    const source = await seeded.db.sku.findUniqueOrThrow({ where: { slug: "dev-pod-small" } });
    const exported = await (await call(routes.yaml, `/api/v1/skus/${source.id}/yaml`, {}, { skuId: source.id })).text();
    const head = exported.slice(0, exported.indexOf("\nsharing:")).replace("slug: dev-pod-small", `slug: ${slug}`);
    return { text: [head, "sharing:", ...sharing, ""].join("\n"), sharingLine: head.split("\n").length + 1 };
  }
  async function importFile(text: string, dryRun: boolean) {
    const response = await call(routes.importYaml, `/api/v1/skus/import${dryRun ? "?dryRun=true" : ""}`, {
      method: "POST",
      headers: { "content-type": "application/yaml" },
      body: text,
    });
    const body = (await response.json()) as { error?: { code: string; problems: Problem[] } };
    return { status: response.status, problems: body.error?.problems ?? [] };
  }

  it("goes through the form's rules: a string is not a boolean, and a bad orgs list points at its line", async () => {
    const quoted = await fileWithSharing("quoted-pod", ['  sharedWithAll: "false"', "  orgs: []"]);
    for (const dryRun of [true, false]) {
      expect(await importFile(quoted.text, dryRun)).toEqual({
        status: 400,
        problems: [{ path: "sharing.sharedWithAll", key: "invalid", line: quoted.sharingLine + 1 }],
      });
    }
    const notAList = await fileWithSharing("listless-pod", ["  sharedWithAll: false", "  orgs:", "    org: acme"]);
    expect(await importFile(notAList.text, false)).toEqual({
      status: 400,
      problems: [{ path: "sharing.orgs", key: "invalid", line: notAList.sharingLine + 3 }],
    });
    const typo = await fileWithSharing("typo-pod", ["  sharedWithAll: false", "  orgs:", "    - org: 42"]);
    expect((await importFile(typo.text, false)).problems).toEqual([
      expect.objectContaining({ path: "sharing.orgs.0.org", line: typo.sharingLine + 3 }),
    ]);
    expect(await seeded.db.sku.count({ where: { slug: { in: ["quoted-pod", "listless-pod", "typo-pod"] } } })).toBe(0);
  });

  it("is checked against the database by a dry run: unknown orgs and projects point at their lines", async () => {
    const { text, sharingLine } = await fileWithSharing("unknown-pod", [
      "  sharedWithAll: false",
      "  orgs:",
      "    - org: initech",
      "    - org: acme",
      "      projects: [research, nowhere]",
      "    - org: provider",
    ]);
    const expected = [
      { path: "sharing.orgs.0.org", key: "unknownOrg", line: sharingLine + 3 },
      { path: "sharing.orgs.1.projects.1", key: "unknownProject", line: sharingLine + 5 },
      { path: "sharing.orgs.2.org", key: "unknownOrg", line: sharingLine + 6 },
    ];
    expect(await importFile(text, true)).toEqual({ status: 400, problems: expected });
    expect(await importFile(text, false)).toEqual({ status: 400, problems: expected });
    expect(await seeded.db.sku.findUnique({ where: { slug: "unknown-pod" } })).toBeNull();

    const good = await fileWithSharing("known-pod", ["  sharedWithAll: false", "  orgs:", "    - org: globex"]);
    expect(await importFile(good.text, true)).toEqual({ status: 200, problems: [] });
    expect(await seeded.db.sku.findUnique({ where: { slug: "known-pod" } })).toBeNull();
  });
});

describe("REST", () => {
  it("creates a draft SKU and lists it", async () => {
    const seededSku = await seeded.db.skuVersion.findFirstOrThrow({ where: { sku: { slug: "jupyterlab" } } });
    const response = await call(routes.create, "/api/v1/skus", {
      method: "POST",
      headers: JSON_BODY,
      body: JSON.stringify({ slug: "jupyter-copy", spec: seededSku.spec, overrides: seededSku.overrides }),
    });
    expect(response.status).toBe(201);
    const list = (await (await call(routes.list, "/api/v1/skus")).json()) as {
      skus: { slug: string; versions: { state: string }[] }[];
    };
    expect(list.skus.find((s) => s.slug === "jupyter-copy")?.versions).toEqual([
      expect.objectContaining({ state: "DRAFT" }),
    ]);
    const bad = await call(routes.create, "/api/v1/skus", { method: "POST", headers: JSON_BODY, body: "{not json" });
    expect(bad.status).toBe(400);
  });

  it("documents every error code and both ways to authenticate in docs/openapi.yaml", async () => {
    const { HTTP_STATUS } = await import("@/lib/errors");
    const openapi = parse(fs.readFileSync(path.resolve(__dirname, "../../docs/openapi.yaml"), "utf8")) as {
      security: Record<string, unknown>[];
      components: { schemas: { ErrorCode: { enum: string[] } }; securitySchemes: Record<string, { scheme?: string }> };
    };
    expect(new Set(openapi.components.schemas.ErrorCode.enum)).toEqual(new Set(Object.keys(HTTP_STATUS)));
    expect(openapi.components.securitySchemes.apiToken?.scheme).toBe("bearer");
    expect(openapi.security.flatMap((option) => Object.keys(option))).toEqual(["apiToken", "session"]);
  });

  it("documents every route of /api/v1 in docs/openapi.yaml", () => {
    const root = path.resolve(__dirname, "../..");
    const openapi = parse(fs.readFileSync(path.join(root, "docs/openapi.yaml"), "utf8")) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const apiDir = path.join(root, "app/api/v1");
    const undocumented: string[] = [];
    for (const entry of fs.readdirSync(apiDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || entry.name !== "route.ts") continue;
      const route = `/${path.relative(apiDir, entry.parentPath)}`.replace(/\[(\w+)\]/g, "{$1}");
      const source = fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8");
      for (const method of source.match(/export const (GET|POST|PUT|PATCH|DELETE)\b/g) ?? []) {
        const verb = method.split(" ").pop()!.toLowerCase();
        if (!openapi.paths[route]?.[verb]) undocumented.push(`${verb.toUpperCase()} ${route}`);
      }
    }
    expect(undocumented).toEqual([]);
  });
});
