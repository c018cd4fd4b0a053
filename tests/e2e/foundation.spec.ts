import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { afterServerAction, en, expectAccessible, format, fr, signIn, submitSignIn } from "./support";

const heading = (page: import("@playwright/test").Page, name: string) =>
  page.getByRole("heading", { level: 1, name, exact: true });

test("the signed-out are sent to sign in", async ({ page }) => {
  await page.goto("/pods");
  await expect(page).toHaveURL(/\/signin/);
  await expect(heading(page, en.auth.title)).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password is refused", async ({ page }) => {
  await submitSignIn(page, DEMO_ACCOUNTS.carol.email, "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.auth.errors.invalid_credentials);
  await expect(page).toHaveURL(/\/signin/);
  await expectAccessible(page);
});

test("a member switches to French in the profile, sees French, and signs out", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.bob.email);
  await expect(heading(page, en.marketplace.title)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: DEMO_ACCOUNTS.bob.name }).click();
  await expect(heading(page, en.profile.title)).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel(en.profile.language, { exact: true }).selectOption("fr");
  await page.getByRole("button", { name: en.profile.save }).click();

  await expect(heading(page, fr.profile.title)).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByRole("link", { name: fr.nav.items.pods }).first().click();
  await expect(heading(page, fr.pages.pods.title)).toBeVisible();
  await expect(page.getByText(fr.pages.pods.emptyTitle)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: fr.shell.signOut }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(heading(page, fr.auth.title)).toBeVisible();
});

test("the language kept in the profile follows the user to a new browser", async ({ browser }) => {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  await signIn(page, DEMO_ACCOUNTS.bob.email);
  await expect(heading(page, fr.marketplace.title)).toBeVisible();
  await context.close();
});

test("a member is refused on admin and org-admin pages", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.carol.email);
  await expect(heading(page, en.marketplace.title)).toBeVisible();
  for (const path of ["/admin/organizations", "/admin/audit", "/org"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(heading(page, en.errors.pages.forbiddenTitle)).toBeVisible();
  }
  await expect(page.getByRole("link", { name: en.nav.items.organizations })).toHaveCount(0);
  await expectAccessible(page);
});

test("a provider admin creates an organization and an account, and the audit log shows it", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.getByRole("link", { name: en.nav.items.organizations }).first().click();
  await expect(heading(page, en.admin.orgs.title)).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel(en.admin.orgs.name, { exact: true }).fill("Initech Labs");
  await expect(page.getByLabel(en.admin.orgs.slug, { exact: true })).toHaveValue("initech-labs");
  await page.getByRole("button", { name: en.admin.orgs.create }).click();
  await expect(page.getByRole("status")).toHaveText(en.admin.orgs.created);
  await page.getByRole("link", { name: "Initech Labs" }).click();
  await expect(heading(page, "Initech Labs")).toBeVisible();

  const createAccount = page.getByRole("region", { name: en.admin.orgs.createUserTitle });
  await createAccount.getByLabel(en.admin.users.name, { exact: true }).fill("Peter Gibbons");
  await createAccount.getByLabel(en.admin.users.email, { exact: true }).fill("peter@initech.example");
  await createAccount.getByLabel(en.admin.users.role, { exact: true }).selectOption("org-admin");
  await createAccount.getByRole("button", { name: en.admin.users.create }).click();
  const password = await page.getByTestId("one-time-password").textContent();
  expect(password).toMatch(/^[\w-]{20,}$/);
  await expect(page.getByRole("cell", { name: "peter@initech.example" })).toBeVisible();
  await expectAccessible(page);

  // The new org admin signs in with the one-time password and sees their organization.
  const context = await browser.newContext();
  const peer = await context.newPage();
  await signIn(peer, "peter@initech.example", password!);
  await peer.goto("/org");
  await expect(heading(peer, en.org.title)).toBeVisible();
  await expect(peer.getByRole("cell", { name: "peter@initech.example" })).toBeVisible();
  await expectAccessible(peer);
  await context.close();

  await page.getByRole("link", { name: en.nav.items.audit }).first().click();
  await expect(page.getByRole("cell", { name: "user.create" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "org.create" })).toBeVisible();
  await expectAccessible(page);
});

test("an org admin changes a member's role, and cannot demote the last admin", async ({ page }) => {
  const roleOf = (name: string) => page.getByLabel(format(en.org.members.roleFor, { name }), { exact: true });
  await signIn(page, DEMO_ACCOUNTS.grace.email);
  await page.goto("/org");
  await expect(heading(page, en.org.title)).toBeVisible();

  await afterServerAction(page, () => roleOf(DEMO_ACCOUNTS.hank.name).selectOption("org-admin"));
  await page.reload();
  await expect(roleOf(DEMO_ACCOUNTS.hank.name)).toHaveValue("org-admin");
  await afterServerAction(page, () => roleOf(DEMO_ACCOUNTS.hank.name).selectOption("member"));
  await page.reload();
  await expect(roleOf(DEMO_ACCOUNTS.hank.name)).toHaveValue("member");

  await afterServerAction(page, () => roleOf(DEMO_ACCOUNTS.grace.name).selectOption("member"));
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(en.errors.last_admin);
  await page.reload();
  await expect(roleOf(DEMO_ACCOUNTS.grace.name)).toHaveValue("org-admin");
  await expectAccessible(page);
});

test("the dark theme is kept across pages and stays accessible", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.hank.email);
  await page.getByLabel(en.shell.theme.label).selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.goto("/usage");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const background = await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
  expect(background).toBe("rgb(11, 16, 32)");
  await expectAccessible(page);
});

test("on a phone the navigation folds behind a menu button usable from the keyboard", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, DEMO_ACCOUNTS.hank.email);
  const menu = page.getByRole("button", { name: en.nav.openMenu });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: en.nav.closeMenu })).toHaveAttribute("aria-expanded", "true");
  await page.getByRole("link", { name: en.nav.items.usage }).last().click();
  await expect(heading(page, en.pages.usage.title)).toBeVisible();
  await expect(page.getByRole("button", { name: en.nav.openMenu })).toHaveAttribute("aria-expanded", "false");
  await expectAccessible(page);
  await context.close();
});
