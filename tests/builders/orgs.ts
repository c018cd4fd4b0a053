import type { OrgRole } from "@/lib/roles";
import type { Db } from "@/server/db/client";
import type { AuditEvent, Membership, Organization, Project, User } from "@/server/db/generated/client";
import type { Actor } from "@/server/services/audit/record-audit";
import { createOrganization } from "@/server/services/organizations/create-organization";
import { createProject } from "@/server/services/projects/create-project";
import { setOrgQuota, setProjectQuota } from "@/server/services/quotas/set-quota";
import { platformAdminOf } from "../support/actors";
import { uniqueSlug } from "./unique";
import { seedUser } from "./users";

/** GPU quotas by GPU model; 0 means none. */
type Quotas = Record<string, number>;

export type SeedProjectOptions = {
  slug?: string;
  name?: string;
  quotas?: Quotas;
  /** Who creates it, for the audit trail; default the demo platform admin. */
  as?: Actor;
};

export type SeedOrgOptions<P extends readonly SeedProjectOptions[]> = {
  slug?: string;
  name?: string;
  quotas?: Quotas;
  /** Created in order; project i defaults to slug `p<i>`. */
  projects?: P;
  /** How many org admins and members to create, through seedUser. */
  admins?: number;
  members?: number;
  /** Whether those accounts get a password (default true); without one they are quicker to make. */
  passwords?: boolean;
  /** Who does all this, for the audit trail; default the demo platform admin. */
  as?: Actor;
};

/** A membership with its account, and the account's one-time password if it has one. */
export type SeededMember = Membership & { user: User; password: string | null };

export type SeededOrg<P extends readonly SeedProjectOptions[]> = {
  org: Organization;
  projects: { [K in keyof P]: Project };
  admins: SeededMember[];
  members: SeededMember[];
  /** The org's audit events written since the builder finished, oldest first. */
  auditsAfterSetup(): Promise<AuditEvent[]>;
};

const nonZero = (quotas: Quotas = {}) => Object.entries(quotas).filter(([, maxGpus]) => maxGpus > 0);

/** A project of `org` through createProject, with its GPU quotas through setProjectQuota. */
export async function seedProject(db: Db, org: { id: string }, options: SeedProjectOptions = {}) {
  const actor = options.as ?? (await platformAdminOf(db));
  const slug = options.slug ?? uniqueSlug("project");
  const { id } = await createProject(db, actor, org.id, { slug, name: options.name ?? `Project ${slug}` });
  for (const [gpuModel, maxGpus] of nonZero(options.quotas)) {
    await setProjectQuota(db, actor, org.id, { projectId: id, gpuModel, maxGpus });
  }
  return db.project.findUniqueOrThrow({ where: { id } });
}

type NewMembers = { role: OrgRole; count: number; password?: boolean; as: Actor };

/** One at a time, so their creation order (and the audit trail's) is the order of the list. */
async function seedMembers(db: Db, org: Organization, { count, ...account }: NewMembers) {
  const seeded: SeededMember[] = [];
  for (let i = 0; i < count; i++) {
    const { user, membership, password } = await seedUser(db, { org, ...account });
    seeded.push({ ...membership!, user, password });
  }
  return seeded;
}

/**
 * A customer organization as a provider admin sets one up: createOrganization, its quotas, its
 * projects and their quotas, then its admins and members, each through its service.
 */
export async function seedOrg<const P extends readonly SeedProjectOptions[] = []>(
  db: Db,
  options: SeedOrgOptions<P> = {},
): Promise<SeededOrg<P>> {
  const actor = options.as ?? (await platformAdminOf(db));
  const slug = options.slug ?? uniqueSlug("org");
  const { id } = await createOrganization(db, actor, { slug, name: options.name ?? `Org ${slug}` });
  for (const [gpuModel, maxGpus] of nonZero(options.quotas)) {
    await setOrgQuota(db, actor, id, { gpuModel, maxGpus });
  }
  const projects = [];
  for (const [i, project] of (options.projects ?? []).entries()) {
    projects.push(await seedProject(db, { id }, { slug: `p${i}`, name: `P${i}`, ...project, as: actor }));
  }
  const org = await db.organization.findUniqueOrThrow({ where: { id } });
  const account = { password: options.passwords, as: actor };
  const admins = await seedMembers(db, org, { role: "org-admin", count: options.admins ?? 0, ...account });
  const members = await seedMembers(db, org, { role: "member", count: options.members ?? 0, ...account });
  // The org is new: every event it has so far is the builder's own.
  const setup = await db.auditEvent.findMany({ where: { orgId: id }, select: { id: true } });
  const afterSetup = { orgId: id, id: { notIn: setup.map((event) => event.id) } };
  return {
    org,
    projects: projects as SeededOrg<P>["projects"],
    admins,
    members,
    auditsAfterSetup: () => db.auditEvent.findMany({ where: afterSetup, orderBy: { at: "asc" } }),
  };
}
