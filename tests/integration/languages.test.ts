import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppError } from "@/server/errors";
import type { Actor } from "@/server/services/audit/record-audit";
import { platformAdminOf } from "../support/actors";
import { codeOf } from "../support/app-errors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let actor: Actor;
type Services = {
  store: typeof import("@/server/i18n/store");
  messages: typeof import("@/server/i18n/messages");
  locales: typeof import("@/server/services/languages/manage-locales");
  overrides: typeof import("@/server/services/languages/overrides");
  imports: typeof import("@/server/services/languages/import-catalog");
  files: typeof import("@/server/services/languages/catalog-files");
};
let s: Services;

/** The modules as one portal process has them; called again after resetModules, another replica. */
async function loadReplica(): Promise<Services> {
  return {
    store: await import("@/server/i18n/store"),
    messages: await import("@/server/i18n/messages"),
    locales: await import("@/server/services/languages/manage-locales"),
    overrides: await import("@/server/services/languages/overrides"),
    imports: await import("@/server/services/languages/import-catalog"),
    files: await import("@/server/services/languages/catalog-files"),
  };
}

beforeAll(async () => {
  seeded = await createProcessDatabase();
  actor = await platformAdminOf(seeded.db);
  s = await loadReplica();
});

afterAll(() => closeProcessDatabase(seeded));

describe("languages", () => {
  it("adds any BCP-47 locale once, in canonical form, and audits it", async () => {
    expect(await s.locales.addLocale(seeded.db, actor, { code: "DE" })).toEqual({ code: "de" });
    expect(await codeOf(s.locales.addLocale(seeded.db, actor, { code: "de" }))).toBe("conflict:taken");
    expect((await s.store.i18nState()).enabled).toContain("de");
    expect(await seeded.db.auditEvent.count({ where: { action: "locale.add", targetId: "de" } })).toBe(1);
  });

  it("keeps English and the platform default switched on", async () => {
    expect(await codeOf(s.locales.setLocaleEnabled(seeded.db, actor, { code: "en", enabled: false }))).toBe(
      "validation:localeInUse",
    );
    await s.locales.setLocaleEnabled(seeded.db, actor, { code: "fr", enabled: false });
    expect((await s.store.i18nState()).enabled).not.toContain("fr");
    await s.locales.setLocaleEnabled(seeded.db, actor, { code: "fr", enabled: true });
    expect(await codeOf(s.locales.setPlatformDefaultLocale(seeded.db, actor, { code: "xx" }))).toBe(
      "validation:locale",
    );
  });
});

describe("overrides", () => {
  it("must keep the source's ICU arguments and be valid ICU", async () => {
    const save = (key: string, message: string) =>
      codeOf(s.overrides.saveOverride(seeded.db, actor, { locale: "de", key, message }));
    expect(await save("admin.orgs.gpus", "{n, plural, one {# GPU} other {# GPUs}}")).toBe("validation:icuArguments");
    expect(await save("admin.orgs.gpus", "{count, plural, one {# GPU}")).toBe("validation:icuSyntax");
    expect(await save("nav.items.pods", "Hallo <b>Welt</b>")).toBe("validation:icuArguments");
    expect(await save("no.such.key", "Hallo")).toBe("not_found:");
    expect(await seeded.db.translationOverride.count()).toBe(0);
  });

  it("win over the shipped text, fall back by language, and revert to the shipped text", async () => {
    await s.overrides.saveOverride(seeded.db, actor, {
      locale: "de",
      key: "nav.items.pods",
      message: "Entwickler-Pods",
    });
    await s.overrides.saveOverride(seeded.db, actor, { locale: "fr", key: "nav.items.usage", message: "Utilisation" });
    const { overrides } = await s.store.i18nState();

    const german = await s.messages.catalogFor("de", [null, "en"], overrides);
    expect((german.nav as { items: Record<string, string> }).items.pods).toBe("Entwickler-Pods");
    expect((german.nav as { items: Record<string, string> }).items.models).toBe("Models");
    const germanInFrenchOrg = await s.messages.catalogFor("de", ["fr", "en"], overrides);
    expect((germanInFrenchOrg.nav as { items: Record<string, string> }).items.models).toBe("Modèles");
    expect((germanInFrenchOrg.nav as { items: Record<string, string> }).items.usage).toBe("Utilisation");

    await s.overrides.revertOverride(seeded.db, actor, { locale: "fr", key: "nav.items.usage" });
    const french = await s.messages.catalogFor("fr", ["en"], (await s.store.i18nState()).overrides);
    expect((french.nav as { items: Record<string, string> }).items.usage).not.toBe("Utilisation");
    const audit = await seeded.db.auditEvent.findMany({
      where: { action: { in: ["translation.override", "translation.revert"] } },
      orderBy: { at: "asc" },
    });
    expect(audit.map((e) => e.action)).toEqual(["translation.override", "translation.override", "translation.revert"]);
    expect(audit[0]!.changes).toEqual({ "nav.items.pods": { from: null, to: "Entwickler-Pods" } });
  });

  it("reach another replica within its check interval, without a restart", async () => {
    const replicaA = s.store;
    await replicaA.i18nState();
    vi.resetModules();
    const replicaB = await loadReplica();
    await replicaB.overrides.saveOverride(seeded.db, actor, {
      locale: "de",
      key: "nav.items.models",
      message: "Modelle",
    });
    const changedAt = Date.now();
    const deadline = changedAt + 10 * replicaA.CHECK_INTERVAL_MS;
    while ((await replicaA.i18nState()).overrides.get("de")?.get("nav.items.models") !== "Modelle") {
      expect(Date.now(), "override never reached the other replica").toBeLessThan(deadline);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const delay = Date.now() - changedAt;
    console.info(
      `[measure] override visible on another replica after ${delay} ms ` +
        `(check interval ${replicaA.CHECK_INTERVAL_MS} ms)`,
    );
  });
});

describe("catalog files", () => {
  it("report a dry run, and apply nothing when any entry is invalid", async () => {
    const content = JSON.stringify({ nav: { items: { apiKeys: "API-Schlüssel", usage: "Nutzung {oops}" } } });
    const dry = await s.imports.importCatalog(seeded.db, actor, {
      locale: "de",
      format: "json",
      content,
      dryRun: true,
    });
    expect(dry.changes.map((c) => c.key)).toEqual(["nav.items.apiKeys"]);
    expect(dry.errors).toEqual([{ key: "nav.items.usage", reason: "icuArguments", values: { expected: "∅" } }]);
    const real = await s.imports.importCatalog(seeded.db, actor, {
      locale: "de",
      format: "json",
      content,
      dryRun: false,
    });
    expect(real.applied).toBe(false);
    expect(
      await seeded.db.translationOverride.findUnique({
        where: { locale_key: { locale: "de", key: "nav.items.apiKeys" } },
      }),
    ).toBeNull();
  });

  it("apply a valid file whole, and round-trip through XLIFF 2.0", async () => {
    const content = JSON.stringify({ nav: { items: { apiKeys: "API-Schlüssel", usage: "Nutzung" } } });
    const result = await s.imports.importCatalog(seeded.db, actor, {
      locale: "de",
      format: "json",
      content,
      dryRun: false,
    });
    expect(result).toMatchObject({ applied: true, errors: [] });
    expect(await seeded.db.translationOverride.count({ where: { locale: "de" } })).toBe(4);

    const { overrides } = await s.store.i18nState();
    const xliff = await s.files.exportCatalog("de", "xliff", overrides);
    expect(xliff).toContain('<unit id="nav.items.usage">');
    expect(xliff).toContain("<target>Nutzung</target>");
    const again = await s.imports.importCatalog(seeded.db, actor, {
      locale: "de",
      format: "xliff",
      content: xliff,
      dryRun: true,
    });
    expect(again).toMatchObject({ changes: [], errors: [], unchanged: 4 });
  });

  it("refuse a DTD before parsing: an entity-expansion file is refused within milliseconds", () => {
    const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      "\n  ",
    );
    const bomb = [
      '<?xml version="1.0"?>',
      `<!DOCTYPE xliff [\n  <!ENTITY lol0 "lol">\n  ${entities}\n]>`,
      '<xliff version="2.0"><file id="a"><unit id="nav.items.usage"><segment>',
      "<source>Usage</source><target>&lol9;</target></segment></unit></file></xliff>",
    ].join("\n");
    for (const content of [bomb, '<?xml version="1.0"?>\n<!doctype xliff SYSTEM "file:///etc/passwd"><xliff/>']) {
      const started = performance.now();
      expect(() => s.files.parseCatalogFile("xliff", content)).toThrow(
        expect.objectContaining({ fields: { file: { key: "fileXmlDoctype" } } }),
      );
      expect(performance.now() - started).toBeLessThan(200);
    }
  });

  it("point at the line of a malformed file", async () => {
    expect(
      await codeOf(
        s.imports.importCatalog(seeded.db, actor, {
          locale: "de",
          format: "json",
          content: '{\n  "nav": {\n    "x": \n}',
          dryRun: true,
        }),
      ),
    ).toBe("validation:fileJson");
    try {
      s.files.parseCatalogFile(
        "xliff",
        '<?xml version="1.0"?>\n<xliff version="2.0">\n<file id="a">\n<unit id="x"></file>\n</xliff>',
      );
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fields?.file).toMatchObject({ key: "fileXml", values: { line: 4 } });
    }
  });
});
