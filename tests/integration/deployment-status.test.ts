// What a deployment's events tell whom: tenants read translated reasons and the cluster's own words,
// never the portal's internal error text; the provider's staff see it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import type { TenantCaller } from "@/server/authz";
import { deploymentStatus } from "@/server/services/deployments/deployment-status";
import { insertDeployment } from "../builders";
import { callerOf } from "../support/actors";
import { closeProcessDatabase, createProcessDatabase, type SeededDatabase } from "../support/seeded-database";

let seeded: SeededDatabase;
let deploymentId: string;

const INTERNAL_ERROR = "apply apps/v1 StatefulSet p-acme-research/x: connect ECONNREFUSED 10.0.0.1:6443";
const SCHEDULER = "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.";

beforeAll(async () => {
  seeded = await createProcessDatabase();
  const cluster = await seeded.db.cluster.create({ data: { name: "events", connection: "SIMULATED" } });
  deploymentId = (await insertDeployment(seeded.db, cluster.id, "dev-pod")).id;
  const at = (seconds: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, seconds));
  await seeded.db.deploymentEvent.createMany({
    data: [
      { deploymentId, at: at(1), type: "Warning", reason: "ReconcileFailed", message: INTERNAL_ERROR },
      { deploymentId, at: at(2), type: "Normal", reason: "Unschedulable", message: SCHEDULER },
      { deploymentId, at: at(3), type: "Warning", reason: "SomethingNew", message: "raw text" },
    ],
  });
});

afterAll(() => closeProcessDatabase(seeded));

const eventsFor = async (caller: TenantCaller) => (await deploymentStatus(seeded.db, caller, deploymentId)).events;

describe("deployment events", () => {
  it("tell a member the reason in words the catalogs translate, without the portal's error text", async () => {
    const events = await eventsFor(await callerOf(seeded.db, DEMO_ACCOUNTS.bob));
    expect(events.map(({ reason, reasonKey, message }) => ({ reason, reasonKey, message }))).toEqual([
      { reason: "Unschedulable", reasonKey: "Unschedulable", message: SCHEDULER },
      { reason: "ReconcileFailed", reasonKey: "ReconcileFailed", message: "" },
    ]);
    expect(JSON.stringify(events)).not.toContain("ECONNREFUSED");
  });

  it("tell the provider's staff everything, including reasons the catalogs do not know", async () => {
    const admin = await callerOf(seeded.db, DEMO_ACCOUNTS.admin);
    // Staff read it in the deployment's org (here, by acting in Acme's).
    const acme = await seeded.db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
    const inAcme = { ...admin, org: { ...admin.org, id: acme.id } };
    const events = await eventsFor(inAcme);
    expect(events.map((e) => e.message)).toEqual(["raw text", SCHEDULER, INTERNAL_ERROR]);
  });
});
