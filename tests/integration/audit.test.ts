import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/server/services/audit/list-audit-events";
import { createSeededDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;

beforeAll(async () => {
  seeded = await createSeededDatabase();
});

afterAll(async () => {
  await seeded?.close();
});

describe("audit log pages", () => {
  it("walks every event exactly once, newest first, even when many share a timestamp", async () => {
    const at = new Date("2026-11-01T12:00:00Z");
    const total = AUDIT_PAGE_SIZE * 2 + 7;
    await seeded.db.auditEvent.createMany({
      data: Array.from({ length: total }, (_, i) => ({
        at,
        actorEmail: "a@x",
        action: "test",
        targetType: "t",
        targetId: String(i),
        changes: {},
      })),
    });
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listAuditEvents(seeded.db, { after });
      seen.push(...page.map((e) => e.id));
      if (page.length < AUDIT_PAGE_SIZE) break;
      after = page[page.length - 1]!.id;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it("narrows to one organization", async () => {
    const acme = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    await seeded.db.auditEvent.create({
      data: { orgId: acme.id, actorEmail: "a@x", action: "acme.only", targetType: "t", targetId: "1", changes: {} },
    });
    const events = await listAuditEvents(seeded.db, { orgId: acme.id });
    expect(events.map((e) => e.action)).toEqual(["acme.only"]);
  });
});
