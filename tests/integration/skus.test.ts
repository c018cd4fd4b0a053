// SKU authoring, versions, sharing and the catalog, on a real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/server/services/audit/record-audit";
import { archiveSku, createSku, diffVersions, publishVersion, saveDraft } from "@/server/services/skus/author-sku";
import { listCatalog } from "@/server/services/skus/catalog";
import { setSharing } from "@/server/services/skus/sharing";
import { seedSku, templateVersion } from "../builders";
import { platformAdminOf } from "../support/actors";
import { codeOf } from "../support/app-errors";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let actor: Actor;
let ids: { acme: string; globex: string; acmeResearch: string };

/** The catalog entries this file created (the demo seed publishes its own). */
const catalogOf = async (orgId: string, prefix: string) =>
  (await listCatalog(seeded.db, orgId)).filter((e) => e.slug.startsWith(prefix));

const small = () => templateVersion("dev-pod-small");

beforeAll(async () => {
  seeded = await createSeededDatabase();
  actor = await platformAdminOf(seeded.db);
  const acme = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "acme" }, include: { projects: true } });
  const globex = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "globex" } });
  ids = { acme: acme.id, globex: globex.id, acmeResearch: acme.projects[0]!.id };
});

afterAll(async () => {
  await seeded?.close();
});

describe("SKU versions", () => {
  it("start as a draft nobody sees; publishing makes them immutable, editing starts a new draft", async () => {
    const { skuId, versionId } = await createSku(seeded.db, actor, { slug: "pod-small", ...small() });
    await setSharing(seeded.db, actor, { skuId, sharedWithAll: true, orgs: [] });
    expect(await catalogOf(ids.acme, "pod-")).toEqual([]);

    await publishVersion(seeded.db, actor, { versionId });
    expect((await catalogOf(ids.acme, "pod-")).map((e) => [e.slug, e.version])).toEqual([["pod-small", 1]]);

    const edited = small();
    edited.spec.compute.cpu = 6;
    const draft = await saveDraft(seeded.db, actor, { skuId, ...edited });
    expect(draft.number).toBe(2);
    expect((await seeded.db.skuVersion.findUniqueOrThrow({ where: { id: versionId } })).spec).toMatchObject({
      compute: { cpu: 4 },
    });
    expect((await catalogOf(ids.acme, "pod-"))[0]!.version).toBe(1);
    expect(await diffVersions(seeded.db, { fromVersionId: versionId, toVersionId: draft.versionId })).toEqual([
      { path: "compute.cpu", from: 4, to: 6 },
    ]);

    await publishVersion(seeded.db, actor, { versionId: draft.versionId });
    const states = await seeded.db.skuVersion.findMany({ where: { skuId }, orderBy: { number: "asc" } });
    expect(states.map((v) => v.state)).toEqual(["ARCHIVED", "PUBLISHED"]);

    // Roll back: publish version 1 again.
    await publishVersion(seeded.db, actor, { versionId });
    expect((await catalogOf(ids.acme, "pod-"))[0]!.version).toBe(1);

    await archiveSku(seeded.db, actor, { skuId });
    expect(await catalogOf(ids.acme, "pod-")).toEqual([]);
    const audit = await seeded.db.auditEvent.findMany({
      where: { action: { startsWith: "sku." } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual([
      "sku.create",
      "sku.share",
      "sku.publish",
      "sku.edit",
      "sku.publish",
      "sku.publish",
      "sku.archive",
    ]);
    expect(audit[3]!.changes).toEqual({ "compute.cpu": { from: 4, to: 6 } });
  });

  it("refuse a bad spec, an override out of its spec, a kind change and a taken slug, writing nothing", async () => {
    const bad = small();
    bad.spec.compute.cpu = -1;
    expect(await codeOf(createSku(seeded.db, actor, { slug: "bad", ...bad }))).toMatch(/^validation:/);
    expect(
      await codeOf(
        createSku(seeded.db, actor, {
          slug: "bad",
          spec: small().spec,
          overrides: [{ path: "compute.cpu", control: "range", min: 8, max: 2, step: 1 }],
        }),
      ),
    ).toMatch(/^validation:/);
    // A pattern's message must be one the catalogs have (and that needs no values).
    const unknownMessage = [
      { path: "container.image", control: "pattern", pattern: ".+", patternMessageKey: "noSuchMessage" },
    ];
    expect(
      await codeOf(createSku(seeded.db, actor, { slug: "bad", spec: small().spec, overrides: unknownMessage })),
    ).toBe("validation:messageKey");
    const { skuId } = await createSku(seeded.db, actor, { slug: "kind-locked", ...small() });
    expect(await codeOf(saveDraft(seeded.db, actor, { skuId, ...templateVersion("jupyterlab") }))).toBe(
      "validation:kindChange",
    );
    expect(await codeOf(createSku(seeded.db, actor, { slug: "kind-locked", ...small() }))).toBe("conflict:taken");
    expect(await seeded.db.sku.count({ where: { slug: "bad" } })).toBe(0);
  });

  it("run only where they are pinned: a placement must name a registered cluster", async () => {
    const pinned = small();
    pinned.spec.placement = { ...pinned.spec.placement, clusterId: "c0000000000000000000000" };
    expect(await codeOf(createSku(seeded.db, actor, { slug: "pinned", ...pinned }))).toBe("validation:unknownCluster");
    const cluster = await seeded.db.cluster.create({ data: { name: "gpu-east", connection: "IN_CLUSTER" } });
    pinned.spec.placement = { ...pinned.spec.placement, clusterId: cluster.id };
    expect(await codeOf(createSku(seeded.db, actor, { slug: "pinned", ...pinned }))).toBe("ok");
  });
});

describe("sharing", () => {
  it("shows each org exactly what is shared with it, down to projects", async () => {
    const acmeResearch = [{ orgId: ids.acme, projectIds: [ids.acmeResearch] }];
    await seedSku(seeded.db, { slug: "share-all", sharedWith: "all" });
    await seedSku(seeded.db, { slug: "share-acme", sharedWith: [{ orgId: ids.acme, projectIds: [] }] });
    await seedSku(seeded.db, { slug: "share-acme-research", sharedWith: acmeResearch });
    const { skuId: nobody } = await seedSku(seeded.db, { slug: "share-nobody" });
    expect(nobody).toBeTruthy();

    const seen = async (orgId: string) => (await catalogOf(orgId, "share-")).map((e) => [e.slug, e.projects]);
    expect(await seen(ids.acme)).toEqual([
      ["share-acme", "all"],
      ["share-acme-research", [ids.acmeResearch]],
      ["share-all", "all"],
    ]);
    expect(await seen(ids.globex)).toEqual([["share-all", "all"]]);
  });

  it("refuses unknown orgs and another org's project, changing nothing", async () => {
    const { skuId } = await createSku(seeded.db, actor, { slug: "share-checked", ...small() });
    expect(
      await codeOf(
        setSharing(seeded.db, actor, { skuId, sharedWithAll: false, orgs: [{ orgId: "nope", projectIds: [] }] }),
      ),
    ).toBe("validation:unknownOrg");
    expect(
      await codeOf(
        setSharing(seeded.db, actor, {
          skuId,
          sharedWithAll: false,
          orgs: [{ orgId: ids.globex, projectIds: [ids.acmeResearch] }],
        }),
      ),
    ).toBe("validation:unknownProject");
    expect(await seeded.db.skuShare.count({ where: { skuId } })).toBe(0);
  });
});

describe("the demo seed's catalog", () => {
  it("is, for every seeded organization, exactly what the seed shares with it", async () => {
    const seededSlugs = ["dev-pod-small", "dev-pod-large", "jupyterlab", "qwen2-5-7b-instruct"];
    const seen = async (orgId: string) =>
      (await listCatalog(seeded.db, orgId))
        .filter((e) => seededSlugs.includes(e.slug))
        .map((e) => [e.slug, e.projects]);
    expect(await seen(ids.acme)).toEqual([
      ["dev-pod-large", "all"],
      ["dev-pod-small", "all"],
      ["jupyterlab", "all"],
      ["qwen2-5-7b-instruct", [ids.acmeResearch]],
    ]);
    expect(await seen(ids.globex)).toEqual([
      ["dev-pod-small", "all"],
      ["jupyterlab", "all"],
    ]);
    const provider = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "provider" } });
    expect(await seen(provider.id)).toEqual([["dev-pod-small", "all"]]);
  });
});
