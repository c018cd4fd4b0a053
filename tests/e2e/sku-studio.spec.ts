import { expect, test } from "@playwright/test";
import { afterServerAction, en, expectAccessible, format, signIn } from "./support";

test("an admin builds a Developer Pod SKU, publishes it to Acme only, and only Acme sees it with its price", async ({ page, browser }) => {
  await signIn(page, "admin@portico.example");
  await page.goto("/admin/sku-studio");
  await expect(page.getByRole("heading", { level: 1, name: en.skuStudio.title })).toBeVisible();
  await page.getByLabel(en.skuStudio.template, { exact: true }).selectOption("dev-pod-small");
  await page.getByLabel(en.skuStudio.slug, { exact: true }).fill("team-pod");
  await page.getByRole("button", { name: en.skuStudio.create }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Developer Pod Small" })).toBeVisible();
  await expectAccessible(page);

  // Rename it in the specification and save the draft.
  const editor = page.getByRole("textbox", { name: en.skuStudio.editor, exact: true });
  const yaml = await editor.inputValue();
  await editor.fill(yaml.replace("displayName: Developer Pod Small", "displayName: Team Pod"));
  await afterServerAction(page, () => page.getByRole("button", { name: en.skuStudio.saveDraft }).click());
  await expect(page.getByText(en.skuStudio.saved)).toBeVisible();

  // A broken value is refused with its line, and nothing changes.
  await editor.fill((await editor.inputValue()).replace(/cpu: \d+/, "cpu: -1"));
  await afterServerAction(page, () => page.getByRole("button", { name: en.skuStudio.saveDraft }).click());
  await expect(page.getByRole("alert").filter({ hasText: "spec.compute.cpu" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Team Pod" })).toBeVisible();

  // The preview shows the launch form's open fields and the price at the defaults.
  await expect(page.getByRole("region", { name: en.skuStudio.preview })).toContainText("compute.persistentGiB");
  await expect(page.getByTestId("preview-price")).toHaveText(format(en.skuStudio.pricePerHour, { price: "$2.57" }));

  await afterServerAction(page, () => page.getByRole("button", { name: format(en.skuStudio.publishNamed, { number: "1" }) }).click());
  await page.getByLabel(en.skuStudio.chosenOrgs, { exact: true }).check();
  await page.getByLabel("Acme AI", { exact: true }).check();
  await afterServerAction(page, () => page.getByRole("button", { name: en.skuStudio.saveSharing }).click());
  await expect(page.getByText(en.skuStudio.sharingSaved)).toBeVisible();

  const acme = await (await browser.newContext()).newPage();
  await signIn(acme, "alice@acme.example");
  await acme.goto("/marketplace");
  const card = acme.getByRole("article", { name: "Team Pod", exact: true });
  await expect(card.getByTestId("price")).toHaveText(format(en.marketplace.pricePerHour, { price: "$2.57" }));

  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, "hank@globex.example");
  await globex.goto("/marketplace");
  await expect(globex.getByRole("article", { name: "Developer Pod Small", exact: true })).toBeVisible();
  await expect(globex.getByRole("article", { name: "Team Pod", exact: true })).toHaveCount(0);
});
