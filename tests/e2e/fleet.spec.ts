import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { afterServerAction, en, expectAccessible, format, signIn } from "./support";

test("a provider admin sees the simulated cluster's health and GPU capacity", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await expect(page.getByTestId("simulated-badge")).toHaveText(en.shell.simulatedBadge);
  await page.getByRole("link", { name: en.nav.items.fleet }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: en.admin.fleet.title })).toBeVisible();

  const clusters = page.getByRole("table", { name: en.admin.fleet.clusters });
  await expect(clusters.getByRole("row", { name: /simulated/ })).toContainText(en.admin.fleet.simulated);
  await afterServerAction(page, () =>
    page.getByRole("button", { name: format(en.admin.fleet.checkNamed, { name: "simulated" }) }).click(),
  );
  await expect(clusters.getByRole("row", { name: /simulated/ })).toContainText(/Healthy \(v1\.\d+/);

  const capacity = page.getByRole("region", { name: format(en.admin.fleet.capacityOf, { name: "simulated" }) });
  await expect(capacity.getByRole("row", { name: /NVIDIA-H100-80GB-HBM3 nvidia.com\/gpu/ })).toContainText("0 of 32");
  await expect(capacity.getByRole("row", { name: /nvidia.com\/mig-1g.10gb/ }).first()).toBeVisible();
  await expectAccessible(page);
});

test("a bad kubeconfig is refused with a clear message", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.goto("/admin/fleet");
  await page.getByLabel(en.admin.fleet.name, { exact: true }).fill("prod-east");
  await page.getByLabel(en.admin.fleet.kubeconfig, { exact: true }).fill("this: is: not: a kubeconfig");
  await afterServerAction(page, () => page.getByRole("button", { name: en.admin.fleet.register }).click());
  await expect(page.getByText(en.validation.kubeconfig)).toBeVisible();
  await expect(
    page.getByRole("table", { name: en.admin.fleet.clusters }).getByRole("row", { name: /prod-east/ }),
  ).toHaveCount(0);
});
