import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { afterServerAction, en, expectAccessible, format, fr, signIn } from "./support";

// One journey in steps: German is added and made Acme's default first, the later steps build on it.
test.describe.configure({ mode: "serial" });

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name, exact: true });
// The journey makes German Acme's default; later files expect the seeded defaults back.
test.afterAll(async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.goto("/admin/languages");
  await afterServerAction(page, () =>
    page.getByLabel(format(en.admin.languages.defaultFor, { org: "Acme AI" })).selectOption(""),
  );
  await expect(page.getByLabel(format(en.admin.languages.defaultFor, { org: "Acme AI" }))).toHaveValue("");
});

const localeRow = (page: Page, name: RegExp) =>
  page.getByRole("table", { name: en.admin.languages.title }).getByRole("row", { name });

async function override(page: Page, key: string, message: string) {
  await page.getByLabel(en.admin.translations.search).fill(key);
  const row = page.getByRole("article", { name: key, exact: true });
  await row.getByRole("button", { name: format(en.admin.translations.editNamed, { key }) }).click();
  await row.getByLabel(format(en.admin.translations.translationOf, { key })).fill(message);
  await afterServerAction(page, () => row.getByRole("button", { name: en.admin.translations.save }).click());
  await expect(row.getByText(en.admin.translations.status.overridden)).toBeVisible();
}

test("an admin adds German, overrides two strings and makes it Acme's default; members see their language", async ({
  page,
  browser,
}) => {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.goto("/admin/languages");
  await expect(heading(page, en.admin.languages.title)).toBeVisible();
  await page.getByLabel(en.admin.languages.code, { exact: true }).fill("de");
  await afterServerAction(page, () => page.getByRole("button", { name: en.admin.languages.add }).click());
  await expect(localeRow(page, /Deutsch/)).toBeVisible();
  await expectAccessible(page);

  await localeRow(page, /Deutsch/)
    .getByRole("link", { name: en.admin.languages.editTranslations })
    .click();
  await expect(heading(page, format(en.admin.translations.title, { name: "Deutsch" }))).toBeVisible();
  await override(page, "nav.items.pods", "Entwickler-Pods");
  await override(page, "pages.pods.emptyTitle", "Noch keine Entwickler-Pods");
  await expectAccessible(page);

  // The editor refuses a translation that drops the source's placeholder.
  await page.getByLabel(en.admin.translations.search).fill("admin.orgs.gpus");
  const gpus = page.getByRole("article", { name: "admin.orgs.gpus", exact: true });
  await gpus.getByRole("button", { name: format(en.admin.translations.editNamed, { key: "admin.orgs.gpus" }) }).click();
  await gpus.getByLabel(format(en.admin.translations.translationOf, { key: "admin.orgs.gpus" })).fill("Viele GPUs");
  await afterServerAction(page, () => gpus.getByRole("button", { name: en.admin.translations.save }).click());
  await expect(gpus.getByRole("alert")).toContainText(format(en.validation.icuArguments, { expected: "{count}" }));

  await page.goto("/admin/languages");
  await afterServerAction(page, () =>
    page.getByLabel(format(en.admin.languages.defaultFor, { org: "Acme AI" })).selectOption("de"),
  );

  const acme = await (await browser.newContext()).newPage();
  await signIn(acme, DEMO_ACCOUNTS.carol.email);
  await expect(acme.locator("html")).toHaveAttribute("lang", "de");
  await acme.getByRole("link", { name: "Entwickler-Pods" }).first().click();
  await expect(acme.getByText("Noch keine Entwickler-Pods")).toBeVisible();
  await expect(heading(acme, en.pages.pods.title)).toBeVisible(); // not overridden: falls back to English

  await acme.goto("/profile");
  await acme.getByLabel(en.profile.language, { exact: true }).selectOption("fr");
  await acme.getByRole("button", { name: en.profile.save }).click();
  await expect(heading(acme, fr.profile.title)).toBeVisible();
  await acme.goto("/pods");
  await expect(acme.getByText(fr.pages.pods.emptyTitle)).toBeVisible();

  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, DEMO_ACCOUNTS.hank.email);
  await expect(globex.locator("html")).toHaveAttribute("lang", "en");
  await globex.goto("/pods");
  await expect(globex.getByText(en.pages.pods.emptyTitle)).toBeVisible();
  await expect(globex.getByRole("link", { name: en.nav.items.pods })).toBeVisible();
});

test("an override is rendered as text: a script payload stays inert", async ({ page, browser }) => {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.goto("/admin/languages/de");
  const payload = "<img src=x onerror=window.__xss=1>";
  await override(page, "pages.pods.description", `'${payload}'`);
  await expect(page.getByRole("article", { name: "pages.pods.description" }).getByText(payload)).toBeVisible();

  const member = await (await browser.newContext()).newPage();
  await signIn(member, DEMO_ACCOUNTS.alice.email);
  await member.goto("/pods");
  await expect(member.getByText(payload)).toBeVisible();
  await expect(member.locator('img[src="x"]')).toHaveCount(0);
  expect(await member.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("a right-to-left language lays the portal out from the right", async ({ page, browser }) => {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.goto("/admin/languages");
  await page.getByLabel(en.admin.languages.code, { exact: true }).fill("ar");
  await afterServerAction(page, () => page.getByRole("button", { name: en.admin.languages.add }).click());
  await expect(localeRow(page, /العربية/)).toBeVisible();

  const member = await (await browser.newContext()).newPage();
  await signIn(member, DEMO_ACCOUNTS.ivy.email);
  await member.goto("/profile");
  await member.getByLabel(en.profile.language, { exact: true }).selectOption("ar");
  await member.getByRole("button", { name: en.profile.save }).click();
  await expect(member.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(member.locator("html")).toHaveAttribute("lang", "ar");
  const nav = await member.getByRole("complementary").boundingBox();
  const main = await member.getByRole("main").boundingBox();
  expect(nav!.x).toBeGreaterThan(main!.x);
  await expectAccessible(member);
});
