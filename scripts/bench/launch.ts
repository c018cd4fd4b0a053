// `npm run bench:launch`: what the race-free launch checks cost. The same number of launches, eight at a
// time through separate clients (as eight portal processes would), first spread over eight organizations
// (their launch locks never meet: the baseline), then all into one organization (every launch waits for
// the one before). Ends with one JSON line: the two times, their ratio, and the launches that landed.
import { templateById, templateSpec } from "@/lib/skus/templates";
import { type Db, openDatabase } from "@/server/db/client";
import { createDeploymentIn } from "@/server/services/deployments/create-deployment";
import { createMigratedDatabase } from "@/tests/support/seeded-database";

const LAUNCHES = Number(process.env.BENCH_LAUNCHES ?? 400);
const CLIENTS = 8;
const MODEL = "NVIDIA-H100-80GB-HBM3";
const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForBenchOnly01234567890abcdefABCDEFGHIJ bench@example.com";
const log = (line: string) => console.error(`[bench] ${line}`);

async function setUp(db: Db) {
  const user = await db.user.create({ data: { email: "bench@example.com", name: "Bench" } });
  const cluster = await db.cluster.create({ data: { name: "bench", connection: "SIMULATED" } });
  const spec = { ...templateSpec(templateById("dev-pod-small")!), policies: {} };
  const sku = await db.sku.create({
    data: {
      slug: "bench-pod",
      kind: "dev-pod",
      versions: { create: { number: 1, state: "PUBLISHED", spec, overrides: [] } },
    },
    include: { versions: true },
  });
  const orgs = [];
  for (let i = 0; i < CLIENTS; i++) {
    const org = await db.organization.create({
      data: {
        slug: `org-${i}`,
        name: `Org ${i}`,
        quotas: { create: { gpuModel: MODEL, maxGpus: LAUNCHES } },
        projects: {
          create: { slug: "main", name: "Main", quotas: { create: { gpuModel: MODEL, maxGpus: LAUNCHES } } },
        },
      },
      include: { projects: true },
    });
    orgs.push({ org: { id: org.id, slug: org.slug }, project: { id: org.projects[0]!.id, slug: "main" } });
  }
  return { userId: user.id, clusterId: cluster.id, versionId: sku.versions[0]!.id, spec, orgs };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** `count` launches over `clients`, each client taking the next launch when its last one committed. */
async function launchAll(clients: Db[], setup: Setup, count: number, tenantOf: (i: number) => Setup["orgs"][number]) {
  let next = 0;
  let landed = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (db) => {
      while (next < count) {
        const i = next++;
        await db.$transaction((tx) =>
          createDeploymentIn(tx, {
            ...tenantOf(i),
            clusterId: setup.clusterId,
            createdById: setup.userId,
            name: `bench-${i}`,
            skuVersionId: setup.versionId,
            resolved: setup.spec,
            authorizedKeys: [SSH_KEY],
          }),
        );
        landed++;
      }
    }),
  );
  return { ms: Math.round(performance.now() - started), landed };
}

async function main() {
  const database = await createMigratedDatabase();
  const handles = Array.from({ length: CLIENTS }, () => openDatabase({ url: database.url }));
  try {
    const clients = handles.map((h) => h.db);
    const setup = await setUp(clients[0]!);
    await launchAll(clients, setup, CLIENTS * 4, (i) => setup.orgs[i % CLIENTS]!); // warm the clients and plans
    await clients[0]!.deployment.deleteMany();
    const spread = await launchAll(clients, setup, LAUNCHES, (i) => setup.orgs[i % CLIENTS]!);
    log(`${LAUNCHES} launches over ${CLIENTS} orgs: ${spread.ms} ms`);
    await clients[0]!.deployment.deleteMany();
    const oneOrg = await launchAll(clients, setup, LAUNCHES, () => setup.orgs[0]!);
    log(`${LAUNCHES} launches into one org: ${oneOrg.ms} ms`);
    const held = await clients[0]!.deployment.aggregate({
      where: { orgId: setup.orgs[0]!.org.id },
      _sum: { gpuMillis: true },
    });
    console.log(
      JSON.stringify({
        launches: LAUNCHES,
        clients: CLIENTS,
        spread_over_orgs_ms: spread.ms,
        one_org_ms: oneOrg.ms,
        one_org_vs_spread: Math.round((oneOrg.ms / spread.ms) * 100) / 100,
        per_launch_one_org_ms: Math.round((oneOrg.ms / LAUNCHES) * 100) / 100,
        landed: oneOrg.landed,
        gpus_held_within_quota: (held._sum.gpuMillis ?? 0) / 1000 <= LAUNCHES,
      }),
    );
  } finally {
    await Promise.all(handles.map((h) => h.close()));
    await database.drop();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
