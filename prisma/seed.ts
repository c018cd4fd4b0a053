import { randomBytes } from "node:crypto";
import { templateById, templateSpec } from "@/lib/skus/templates";
import { hashPassword } from "@/server/auth/password";
import type { Db } from "@/server/db/client";
import type { MemberRole } from "@/server/db/generated/enums";
import { type DemoAccount, type DemoOrgSlug, demoAccountsOf } from "./demo-accounts";

// The demo tenants: a provider and two customers, each with an org admin, two members,
// a project and GPU quotas. Passwords are random per installation, printed at start.

type SeedOrg = {
  slug: DemoOrgSlug;
  name: string;
  kind: "PROVIDER" | "CUSTOMER";
  users: DemoAccount[];
  projects: { slug: string; name: string; quotas: Record<string, number> }[];
  quotas: Record<string, number>;
};

const SANDBOX_GPUS = { "NVIDIA-H100-80GB-HBM3": 4, "NVIDIA-A100-SXM4-80GB": 2, "NVIDIA-L40S": 2 };

export const DEMO_ORGS: SeedOrg[] = [
  {
    slug: "provider",
    name: "Portico Cloud",
    kind: "PROVIDER",
    users: demoAccountsOf("provider"),
    // Where SKU Studio's test launches run: a little of every GPU model the simulated cluster has.
    projects: [{ slug: "sandbox", name: "Sandbox", quotas: SANDBOX_GPUS }],
    quotas: SANDBOX_GPUS,
  },
  {
    slug: "acme",
    name: "Acme AI",
    kind: "CUSTOMER",
    users: demoAccountsOf("acme"),
    projects: [{ slug: "research", name: "Research", quotas: { "NVIDIA-H100-80GB-HBM3": 8 } }],
    quotas: { "NVIDIA-H100-80GB-HBM3": 16, "NVIDIA-L40S": 8 },
  },
  {
    slug: "globex",
    name: "Globex Research",
    kind: "CUSTOMER",
    users: demoAccountsOf("globex"),
    projects: [{ slug: "inference", name: "Inference", quotas: { "NVIDIA-A100-SXM4-80GB": 4 } }],
    quotas: { "NVIDIA-A100-SXM4-80GB": 8 },
  },
];

/** Demo SKUs, published from templates: who sees each one is part of the demo. */
const DEMO_SKUS: { template: string; sharedWith: "all" | { org: string; projects?: string[] }[] }[] = [
  { template: "dev-pod-small", sharedWith: "all" },
  { template: "dev-pod-large", sharedWith: [{ org: "acme" }] },
  { template: "jupyterlab", sharedWith: [{ org: "acme" }, { org: "globex" }] },
  { template: "vllm-model", sharedWith: [{ org: "acme", projects: ["research"] }] },
];

async function seedSkus(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) {
  for (const demo of DEMO_SKUS) {
    const template = templateById(demo.template);
    if (!template) throw new Error(`no SKU template ${demo.template}`);
    const spec = templateSpec(template);
    const sku = await tx.sku.create({
      data: {
        slug: spec.basics.name,
        kind: spec.kind,
        sharedWithAll: demo.sharedWith === "all",
        versions: {
          create: {
            number: 1,
            state: "PUBLISHED",
            publishedAt: new Date(),
            spec: JSON.parse(JSON.stringify(spec)),
            overrides: JSON.parse(JSON.stringify(template.overrides)),
          },
        },
      },
    });
    if (demo.sharedWith === "all") continue;
    for (const share of demo.sharedWith) {
      const org = await tx.organization.findUniqueOrThrow({ where: { slug: share.org }, include: { projects: true } });
      const projectIds = (share.projects ?? []).map((slug) => org.projects.find((p) => p.slug === slug)!.id);
      await tx.skuShare.createMany({
        data: projectIds.length
          ? projectIds.map((projectId) => ({ skuId: sku.id, orgId: org.id, projectId }))
          : [{ skuId: sku.id, orgId: org.id }],
      });
    }
  }
}

export type DemoSignIn = { email: string; password: string; role: MemberRole; org: string };

const demoPassword = () => `demo-${randomBytes(6).toString("base64url")}`;

/** Seeds the demo tenants into an empty database; returns the sign-ins, or null if already seeded. */
export async function seedDemo(db: Db): Promise<DemoSignIn[] | null> {
  if ((await db.organization.count()) > 0) return null;
  const signIns: DemoSignIn[] = [];
  const hashed = new Map<string, string>();
  for (const user of DEMO_ORGS.flatMap((org) => org.users.map((u) => ({ ...u, org: org.name })))) {
    const password = demoPassword();
    hashed.set(user.email, await hashPassword(password));
    signIns.push({ email: user.email, password, role: user.role, org: user.org });
  }
  await db.$transaction(async (tx) => {
    for (const org of DEMO_ORGS) {
      const created = await tx.organization.create({
        data: {
          slug: org.slug,
          name: org.name,
          kind: org.kind,
          quotas: { create: Object.entries(org.quotas).map(([gpuModel, maxGpus]) => ({ gpuModel, maxGpus })) },
        },
      });
      for (const user of org.users) {
        await tx.user.create({
          data: {
            email: user.email,
            name: user.name,
            passwordHash: hashed.get(user.email),
            memberships: { create: { orgId: created.id, role: user.role } },
          },
        });
      }
      for (const project of org.projects) {
        await tx.project.create({
          data: {
            orgId: created.id,
            slug: project.slug,
            name: project.name,
            quotas: { create: Object.entries(project.quotas).map(([gpuModel, maxGpus]) => ({ gpuModel, maxGpus })) },
          },
        });
      }
    }
    await seedSkus(tx);
  });
  return signIns;
}
