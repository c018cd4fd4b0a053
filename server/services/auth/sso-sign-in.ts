import type { Db, DbTx } from "@/server/db/client";
import type { User } from "@/server/db/generated/client";
import { recordAudit } from "@/server/services/audit/record-audit";

/** Who the SSO provider says signed in (server/auth/oidc-claims.ts reads it from the claims). */
export type SsoIdentity = { provider: string; subject: string; email: string | null; emailVerified: boolean };

/** Why an SSO sign-in is refused: the sign-in page translates each under `auth.errors`. */
export type SsoRefusal = "sso_unknown_user" | "sso_unverified_email" | "sso_disabled_user";
export type SsoSignIn = { userId: string } | { refused: SsoRefusal };

const refused = (reason: SsoRefusal): SsoSignIn => ({ refused: reason });
const linkKey = (identity: { provider: string; subject: string }) => ({
  provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.subject },
});

/**
 * The portal user an SSO identity signs in as. A linked identity is found by its subject, whatever its
 * email is now; otherwise it is linked to the account with its email, only when the provider asserts the
 * email verified (else anyone who can set an address at the provider could take that account).
 * Accounts are never self-created; disabled accounts are refused.
 */
export async function resolveSsoUser(db: Db, identity: SsoIdentity): Promise<SsoSignIn> {
  const linked = await db.ssoAccount.findUnique({ where: linkKey(identity), include: { user: true } });
  if (linked) return linked.user.disabledAt ? refused("sso_disabled_user") : { userId: linked.userId };
  if (!identity.email) return refused("sso_unknown_user");
  // Refused before the lookup, so an unverified address never tells whether an account has it.
  if (!identity.emailVerified) return refused("sso_unverified_email");
  const user = await db.user.findUnique({ where: { email: identity.email } });
  if (!user) return refused("sso_unknown_user");
  if (user.disabledAt) return refused("sso_disabled_user");
  // A concurrent first sign-in may have linked it first: then the link it made decides.
  return (await linkIdentity(db, user, identity)) ? { userId: user.id } : resolveSsoUser(db, identity);
}

/** The user a linked identity signs in as, for the session after resolveSsoUser let it in. */
export async function linkedSsoUser(db: DbTx, identity: { provider: string; subject: string }) {
  const linked = await db.ssoAccount.findUnique({ where: linkKey(identity), include: { user: true } });
  return linked && !linked.user.disabledAt ? linked.userId : null;
}

/** Links the identity and audits it, in one transaction; false when it was already linked. */
async function linkIdentity(db: Db, user: User, identity: SsoIdentity): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.ssoAccount.createMany({
      data: [{ userId: user.id, provider: identity.provider, providerAccountId: identity.subject }],
      skipDuplicates: true,
    });
    if (count === 0) return false;
    const membership = await tx.membership.findFirst({ where: { userId: user.id }, orderBy: { createdAt: "asc" } });
    await recordAudit(
      tx,
      { userId: user.id, email: user.email },
      {
        action: "sso.link",
        orgId: membership?.orgId ?? null,
        targetType: "user",
        targetId: user.id,
        changes: { provider: { from: null, to: identity.provider }, subject: { from: null, to: identity.subject } },
      },
    );
    return true;
  });
}
