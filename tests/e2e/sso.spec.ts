import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { IDP_ACCOUNTS, type IdpAccount, SSO_CLIENT } from "./sso/identities";
import { en, expectAccessible, format, signIn } from "./support";

// Single sign-on against a real OpenID provider (oidc-provider, tests/e2e/sso/provider.ts, which
// playwright.config.ts starts and points the portal at).

const issuer = new URL(process.env.E2E_OIDC_ISSUER!);

/** From the portal's SSO button, signs in at the provider as this account, until back on the portal. */
async function ssoSignIn(page: Page, account: IdpAccount) {
  await page.goto("/signin");
  await page.getByRole("button", { name: format(en.auth.sso, { provider: SSO_CLIENT.name }), exact: true }).click();
  await page.waitForURL((url) => url.origin === issuer.origin);
  await page.getByLabel("Account").fill(account.login);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => url.origin !== issuer.origin && !url.pathname.startsWith("/api/auth/"));
}

/** The audit log's SSO links, as a provider admin reads them under Administration → Audit. */
async function ssoLinksInAudit(page: Page) {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.getByRole("link", { name: en.nav.items.audit }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: en.admin.audit.title })).toBeVisible();
  return page.getByRole("row").filter({ has: page.getByRole("cell", { name: "sso.link", exact: true }) });
}

test.describe("a verified email", () => {
  // The second sign-in finds the link the first one made.
  test.describe.configure({ mode: "serial" });
  const carol = IDP_ACCOUNTS.verified;

  test("links the identity to its account on the first sign-in, and the audit log shows it", async ({
    page,
    browser,
  }) => {
    await ssoSignIn(page, carol);
    await expect(page.getByRole("link", { name: DEMO_ACCOUNTS.carol.name })).toBeVisible();
    await expectAccessible(page);

    const admin = await (await browser.newContext()).newPage();
    const links = await ssoLinksInAudit(admin);
    await expect(links).toHaveCount(1);
    await expect(links).toContainText(DEMO_ACCOUNTS.carol.email);
    await expect(links).toContainText("Acme AI");
    await expect(links).toContainText(format(en.admin.audit.change, { from: "∅", to: carol.sub }));
    await expectAccessible(admin);
  });

  test("a second sign-in reuses the link, and links nothing more", async ({ page, browser }) => {
    await ssoSignIn(page, carol);
    await expect(page.getByRole("link", { name: DEMO_ACCOUNTS.carol.name })).toBeVisible();

    const admin = await (await browser.newContext()).newPage();
    await expect(await ssoLinksInAudit(admin)).toHaveCount(1);
  });
});

const refusals = [
  { name: "an unverified email", account: IDP_ACCOUNTS.unverified, message: en.auth.errors.sso_unverified_email },
  { name: "a disabled account", account: IDP_ACCOUNTS.disabled, message: en.auth.errors.sso_disabled_user },
  { name: "an email no account has", account: IDP_ACCOUNTS.unknown, message: en.auth.errors.sso_unknown_user },
];

for (const { name, account, message } of refusals) {
  test(`${name} is refused with its message, and no session`, async ({ page }) => {
    await ssoSignIn(page, account);
    expect(new URL(page.url()).pathname).toBe("/signin");
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(message);
    await expectAccessible(page);
    await page.goto("/pods");
    await expect(page).toHaveURL(/\/signin/);
  });
}
