// server/services/auth/sso-sign-in.ts: which portal account an SSO identity signs in as, on PostgreSQL and
// on PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import type { Organization } from "@/server/db/generated/client";
import { linkedSsoUser, resolveSsoUser, type SsoIdentity } from "@/server/services/auth/sso-sign-in";
import { seedUser, uniqueTag } from "../builders";
import { DATABASE_TARGETS, openTarget, type SeededTarget } from "../support/database-targets";

describe.each(DATABASE_TARGETS)("SSO sign-in on $name", ({ open }) => {
  let target: SeededTarget;
  let db: Db;
  let acme: Organization;

  beforeAll(async () => {
    ({ target, db } = await openTarget(open));
    acme = await db.organization.findUniqueOrThrow({ where: { slug: "acme" } });
  });
  afterAll(() => target?.close());

  /** A fresh Acme member (no password: SSO is how it signs in), and an identity at the provider. */
  async function memberAndIdentity(options: { disabled?: boolean } = {}) {
    const { user } = await seedUser(db, { org: acme, password: false, ...options });
    const identity: SsoIdentity = {
      provider: "oidc",
      subject: `sub-${uniqueTag()}`,
      email: user.email,
      emailVerified: true,
    };
    return { user, identity };
  }
  const linksOf = (identity: SsoIdentity) =>
    db.ssoAccount.findMany({ where: { provider: identity.provider, providerAccountId: identity.subject } });
  const linkAudits = (userId: string) => db.auditEvent.findMany({ where: { action: "sso.link", targetId: userId } });

  it("links a verified email to its account, and audits the link as the user, in their org", async () => {
    const { user, identity } = await memberAndIdentity();
    expect(await resolveSsoUser(db, identity)).toEqual({ userId: user.id });
    expect(await linksOf(identity)).toMatchObject([{ userId: user.id }]);
    expect(await linkAudits(user.id)).toMatchObject([
      {
        actorId: user.id,
        actorEmail: user.email,
        orgId: acme.id,
        targetType: "user",
        changes: { provider: { from: null, to: "oidc" }, subject: { from: null, to: identity.subject } },
      },
    ]);
    expect(await linkedSsoUser(db, identity)).toBe(user.id);
  });

  it("refuses an unverified email and writes nothing, whether or not an account has it", async () => {
    const { user, identity } = await memberAndIdentity();
    const unverified = { ...identity, emailVerified: false };
    expect(await resolveSsoUser(db, unverified)).toEqual({ refused: "sso_unverified_email" });
    expect(await resolveSsoUser(db, { ...unverified, email: `nobody-${uniqueTag()}@acme.example` })).toEqual({
      refused: "sso_unverified_email",
    });
    expect(await linksOf(identity)).toEqual([]);
    expect(await linkAudits(user.id)).toEqual([]);
    expect(await linkedSsoUser(db, identity)).toBeNull();
  });

  it("signs a linked subject in again by its link, even once its email changed, without a second audit", async () => {
    const { user, identity } = await memberAndIdentity();
    await resolveSsoUser(db, identity);
    const moved = { ...identity, email: `moved-${uniqueTag()}@elsewhere.example`, emailVerified: false };
    expect(await resolveSsoUser(db, moved)).toEqual({ userId: user.id });
    expect(await resolveSsoUser(db, { ...identity, email: null })).toEqual({ userId: user.id });
    expect(await linksOf(identity)).toHaveLength(1);
    expect(await linkAudits(user.id)).toHaveLength(1);
  });

  it("refuses a disabled account, linked or not, and links nothing to it", async () => {
    const { user, identity } = await memberAndIdentity({ disabled: true });
    expect(await resolveSsoUser(db, identity)).toEqual({ refused: "sso_disabled_user" });
    expect(await linksOf(identity)).toEqual([]);
    expect(await linkAudits(user.id)).toEqual([]);

    const { user: later, identity: linked } = await memberAndIdentity();
    expect(await resolveSsoUser(db, linked)).toEqual({ userId: later.id });
    await db.user.update({ where: { id: later.id }, data: { disabledAt: new Date() } });
    expect(await resolveSsoUser(db, linked)).toEqual({ refused: "sso_disabled_user" });
    expect(await linkedSsoUser(db, linked)).toBeNull();
  });

  it("refuses an email no account has, and an identity without an email, and writes nothing", async () => {
    const subject = `sub-${uniqueTag()}`;
    const unknown = { provider: "oidc", subject, email: `nobody-${uniqueTag()}@acme.example`, emailVerified: true };
    const links = await db.ssoAccount.count();
    expect(await resolveSsoUser(db, unknown)).toEqual({ refused: "sso_unknown_user" });
    expect(await resolveSsoUser(db, { ...unknown, email: null })).toEqual({ refused: "sso_unknown_user" });
    expect(await db.ssoAccount.count()).toBe(links);
  });

  it("links once when the first sign-ins of one identity race", async () => {
    const { user, identity } = await memberAndIdentity();
    const results = await Promise.all(Array.from({ length: 4 }, () => resolveSsoUser(db, identity)));
    expect(results).toEqual(Array(4).fill({ userId: user.id }));
    expect(await linksOf(identity)).toHaveLength(1);
    expect(await linkAudits(user.id)).toHaveLength(1);
  });
});
