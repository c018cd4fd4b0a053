import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { afterServerAction, en, expectAccessible, format, signIn } from "./support";

const NAME = "GitOps pipeline";
const SLUG = "gitops-jupyter";

/**
 * The CI job's step, as its YAML would run it: the real curl, with the token and the portal's address in
 * the environment and the SKU file in the working folder. The status code is appended to curl's output.
 */
function applySkuFile(dir: string, token: string, base: string) {
  const command =
    `curl --fail-with-body --silent --show-error --write-out '\\n%{http_code}' ` +
    `-H "Authorization: Bearer $TOKEN" -H "Content-Type: application/yaml" ` +
    `--data-binary @sku.yaml "$BASE/api/v1/skus/import"`;
  return new Promise<{ exitCode: number; status: number; body: string }>((resolve) => {
    execFile("sh", ["-c", command], { cwd: dir, env: { ...process.env, TOKEN: token, BASE: base } }, (error, out) => {
      const lines = out.trimEnd().split("\n");
      const status = Number(lines.pop());
      resolve({ exitCode: typeof error?.code === "number" ? error.code : 0, status, body: lines.join("\n") });
    });
  });
}

/** A SKU file as a repository would keep it: the seed's JupyterLab, exported and renamed. */
async function writeSkuFile(page: Page, dir: string) {
  const { skus } = (await (await page.request.get("/api/v1/skus")).json()) as { skus: { id: string; slug: string }[] };
  const jupyter = skus.find((sku) => sku.slug === "jupyterlab")!;
  const exported = await (await page.request.get(`/api/v1/skus/${jupyter.id}/yaml`)).text();
  fs.writeFileSync(path.join(dir, "sku.yaml"), exported.replace("slug: jupyterlab", `slug: ${SLUG}`));
}

test("an admin makes an API token, a CI job applies a SKU file with it by curl; once revoked, curl gets 401", async ({
  page,
  context,
  baseURL,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portico-ci-"));
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  await page.getByRole("link", { name: en.nav.items.apiTokens }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: en.apiTokens.title })).toBeVisible();
  await expect(page.getByText(en.apiTokens.emptyTitle)).toBeVisible();
  await expectAccessible(page);

  // Created from the keyboard: name, lifetime, the provider-admin scope SKU GitOps needs.
  await page.getByLabel(en.apiTokens.name, { exact: true }).fill(NAME);
  await page.getByLabel(en.apiTokens.expiry, { exact: true }).selectOption("30");
  await page.getByLabel(en.apiTokens.scope, { exact: true }).selectOption("platform-admin");
  await afterServerAction(page, () => page.getByRole("button", { name: en.apiTokens.create }).press("Enter"));
  await expect(page.getByText(en.apiTokens.secretWarning)).toBeVisible();
  const token = await page.getByTestId("api-token-secret").inputValue();
  expect(token).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("button", { name: en.apiTokens.copy }).press("Enter");
  await expect(page.getByText(en.apiTokens.copied)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const row = page.getByTestId("api-token-row").filter({ hasText: NAME });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText(en.roles["platform-admin"]);
  await expect(row).toContainText(en.apiTokens.statuses.active);
  await expect(row).toContainText(en.apiTokens.never);
  await expectAccessible(page);

  await writeSkuFile(page, dir);
  const applied = await applySkuFile(dir, token, baseURL!);
  expect(applied, applied.body).toMatchObject({ exitCode: 0, status: 200 });
  expect(JSON.parse(applied.body)).toMatchObject({ created: true });
  await page.goto("/admin/sku-studio");
  await expect(page.getByRole("link", { name: SLUG, exact: true })).toBeVisible();

  // Back on the page the secret is gone for good; the list shows the pipeline's call.
  await page.goto("/api-tokens");
  await expect(row).toBeVisible();
  await expect(page.getByTestId("api-token-secret")).toHaveCount(0);
  await expect(row).not.toContainText(en.apiTokens.never);

  page.once("dialog", (dialog) => void dialog.accept());
  await afterServerAction(page, () =>
    row.getByRole("button", { name: format(en.apiTokens.revokeNamed, { name: NAME }) }).click(),
  );
  await expect(row).toContainText(en.apiTokens.statuses.revoked);
  const refused = await applySkuFile(dir, token, baseURL!);
  expect(refused).toMatchObject({ exitCode: 22, status: 401 });
  expect(JSON.parse(refused.body)).toEqual({ error: { code: "unauthenticated" } });
  fs.rmSync(dir, { recursive: true, force: true });
});
