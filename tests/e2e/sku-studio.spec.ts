import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { afterServerAction, en, expectAccessible, format, fr, signIn } from "./support";

const SSH_KEY_BODY = "AAAAC3NzaC1lZDI1NTE5AAAAIFakeKeyForTestsOnly0123456789abcdefABCDEFGHIJ";
const SSH_KEY = `ssh-ed25519 ${SSH_KEY_BODY} ${DEMO_ACCOUNTS.admin.email}`;

const formPanel = (page: Page) => page.getByRole("tabpanel", { name: en.skuStudio.editorTabs.form });
const preview = (page: Page) => page.getByTestId("launch-preview");

test("an admin builds a Developer Pod SKU, previews it in French, test-launches and publishes it to Acme only", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.goto("/admin/sku-studio");
  await expect(page.getByRole("heading", { level: 1, name: en.skuStudio.title })).toBeVisible();
  await page.getByLabel(en.skuStudio.template, { exact: true }).selectOption("dev-pod-small");
  await page.getByLabel(en.skuStudio.slug, { exact: true }).fill("team-pod");
  await page.getByRole("button", { name: en.skuStudio.create }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Developer Pod Small" })).toBeVisible();
  await expectAccessible(page);

  // In the form: rename it and keep two of the template's three open fields.
  const form = formPanel(page);
  await form.getByLabel(en.skuForm.fields.displayName, { exact: true }).fill("Team Pod");
  await form
    .getByRole("button", { name: format(en.skuForm.removeRow, { list: en.skuForm.fields.overrides, number: "1" }) })
    .click();
  await expect(form.getByLabel(en.skuForm.fields.overridePath, { exact: true })).toHaveCount(2);
  await afterServerAction(page, () => form.getByRole("button", { name: en.skuStudio.saveDraft }).click());
  await expect(page.getByRole("heading", { level: 1, name: "Team Pod" })).toBeVisible();

  // A value the schema refuses is named next to its field as it is typed, and saving is held back.
  const cpu = formPanel(page).getByLabel(en.skuForm.fields.cpu, { exact: true });
  await cpu.fill("-1");
  await expect(cpu).toHaveAttribute("aria-invalid", "true");
  await formPanel(page).getByRole("button", { name: en.skuStudio.saveDraft }).click();
  await expect(formPanel(page).getByRole("status").filter({ hasText: "compute.cpu" })).toBeVisible();
  // The YAML view is the saved draft, and says the form holds unsaved edits.
  await page.getByRole("tab", { name: en.skuStudio.editorTabs.yaml }).click();
  await expect(page.getByText(en.skuStudio.unsavedIn.form)).toBeVisible();

  // The YAML view of the same draft points at the line of a broken value.
  await page.reload();
  await page.getByRole("tab", { name: en.skuStudio.editorTabs.yaml }).click();
  const editor = page.getByRole("textbox", { name: en.skuStudio.editor, exact: true });
  await expect(editor).toHaveValue(/displayName: Team Pod/);
  await editor.fill((await editor.inputValue()).replace(/cpu: \d+/, "cpu: -1"));
  await afterServerAction(page, () =>
    page
      .getByRole("tabpanel", { name: en.skuStudio.editorTabs.yaml })
      .getByRole("button", { name: en.skuStudio.saveDraft })
      .click(),
  );
  await expect(page.getByRole("alert").filter({ hasText: "spec.compute.cpu" })).toBeVisible();

  // The preview is the users' launch form, here in French, with the price of the values chosen.
  await page.getByLabel(en.skuStudio.previewLanguage, { exact: true }).selectOption("fr");
  const volume = preview(page).getByLabel(fr.launch.fields.persistentGiB, { exact: true });
  await expect(volume).toHaveValue("100");
  await expect(preview(page).getByLabel(fr.launch.fields.maxRuntimeHours, { exact: true })).toBeVisible();
  const frenchPrice = new Intl.NumberFormat("fr", { style: "currency", currency: "USD" }).format(2.57);
  await expect(preview(page).getByTestId("launch-price")).toHaveText(
    format(fr.launch.pricePerHour, { price: frenchPrice }),
  );
  await volume.fill("75");
  await expect(preview(page).getByText(format(fr.validation.step, { step: "50" }))).toBeVisible();
  await expect(preview(page).getByTestId("launch-price")).toHaveText(fr.launch.priceUnavailable);
  await volume.fill("200");
  await expectAccessible(page);

  // A test launch of the draft, with those values, comes up in the sandbox; then it is deleted.
  await page.getByLabel(en.skuStudio.sshPublicKey, { exact: true }).fill(SSH_KEY);
  await afterServerAction(page, () => page.getByRole("button", { name: en.skuStudio.testLaunch, exact: true }).click());
  const launch = page.getByTestId("deployment");
  await expect(launch).toHaveCount(1);
  await expect(launch.getByRole("status")).toContainText(en.deployments.phases.running, { timeout: 60_000 });
  page.once("dialog", (dialog) => void dialog.accept());
  await afterServerAction(page, () => launch.getByRole("button", { name: en.deployments.delete }).click());
  await expect(page.getByText(en.skuStudio.noTestLaunches)).toBeVisible();

  await afterServerAction(page, () =>
    page.getByRole("button", { name: format(en.skuStudio.publishNamed, { number: "1" }) }).click(),
  );
  await page.getByLabel(en.skuStudio.chosenOrgs, { exact: true }).check();
  await page.getByLabel("Acme AI", { exact: true }).check();
  await afterServerAction(page, () => page.getByRole("button", { name: en.skuStudio.saveSharing }).click());
  await expect(page.getByText(en.skuStudio.sharingSaved)).toBeVisible();

  const acme = await (await browser.newContext()).newPage();
  await signIn(acme, DEMO_ACCOUNTS.alice.email);
  await acme.goto("/marketplace");
  const card = acme.getByRole("article", { name: "Team Pod", exact: true });
  await expect(card.getByTestId("price")).toHaveText(format(en.marketplace.pricePerHour, { price: "$2.57" }));

  // Alice launches it: its two open fields, its price, her quota and the cluster's free GPUs before launch.
  await card.getByRole("link", { name: format(en.launch.launchNamed, { name: "Team Pod" }) }).click();
  await expect(
    acme.getByRole("heading", { level: 1, name: format(en.launch.title, { name: "Team Pod" }) }),
  ).toBeVisible();
  await expect(acme.getByLabel(en.launch.fields.persistentGiB, { exact: true })).toHaveValue("100");
  await expect(acme.getByTestId("launch-price")).toHaveText(format(en.launch.pricePerHour, { price: "$2.57" }));
  await expect(acme.getByTestId("capacity")).toContainText(
    format(en.launch.quota, { model: "NVIDIA-H100-80GB-HBM3", used: "0", limit: "8", orgUsed: "0", orgLimit: "16" }),
  );
  await acme.getByLabel(en.launch.sshPublicKey, { exact: true }).fill(SSH_KEY.replace("admin@", "alice@"));
  await expectAccessible(acme);
  await afterServerAction(acme, () => acme.getByRole("button", { name: en.launch.submit, exact: true }).click());
  const launched = acme.getByRole("region", { name: format(en.launch.launched, { name: "Team Pod" }) });
  await expect(launched.getByRole("status")).toContainText(en.deployments.phases.running, { timeout: 60_000 });

  // The SKU allows two per user: the third is refused with the reason, and nothing starts.
  const launchAgain = async () => {
    await acme.reload();
    await acme.getByLabel(en.launch.sshPublicKey, { exact: true }).fill(SSH_KEY.replace("admin@", "alice@"));
    await afterServerAction(acme, () => acme.getByRole("button", { name: en.launch.submit, exact: true }).click());
  };
  await launchAgain();
  await expect(launched).toBeVisible();
  await expect(
    acme.getByRole("table", { name: format(en.deployments.yours, { name: "Team Pod" }) }).getByTestId("deployment"),
  ).toHaveCount(2);
  await launchAgain();
  await expect(acme.getByRole("alert").filter({ hasText: "2 instances" })).toBeVisible();

  // She stops one (its volume stays) and starts it again.
  const mine = acme
    .getByRole("table", { name: format(en.deployments.yours, { name: "Team Pod" }) })
    .getByTestId("deployment")
    .first();
  await afterServerAction(acme, () => mine.getByRole("button", { name: en.deployments.stop }).click());
  await expect(mine.getByRole("status")).toContainText(en.deployments.phases.stopped, { timeout: 60_000 });
  await afterServerAction(acme, () => mine.getByRole("button", { name: en.deployments.start }).click());
  await expect(mine.getByRole("status")).toContainText(en.deployments.phases.running, { timeout: 60_000 });

  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, DEMO_ACCOUNTS.hank.email);
  await globex.goto("/marketplace");
  await expect(globex.getByRole("article", { name: "Developer Pod Small", exact: true })).toBeVisible();
  await expect(globex.getByRole("article", { name: "Team Pod", exact: true })).toHaveCount(0);
});
