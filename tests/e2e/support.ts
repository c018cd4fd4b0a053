import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import type { DemoSignIn } from "../../prisma/seed";

/** The demo accounts `npm start` seeded into this run's data folder. */
export function demoAccount(email: string): DemoSignIn {
  const file = path.join(process.env.E2E_DATA_DIR!, "demo-sign-ins.json");
  const account = (JSON.parse(fs.readFileSync(file, "utf8")) as DemoSignIn[]).find((a) => a.email === email);
  if (!account) throw new Error(`no demo account ${email}`);
  return account;
}

/** Signs in through the form and waits until the portal has let the user in. */
export async function signIn(page: Page, email: string, password = demoAccount(email).password) {
  await submitSignIn(page, email, password);
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}

export async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel(en.auth.email, { exact: true }).fill(email);
  await page.getByLabel(en.auth.password, { exact: true }).fill(password);
  await page.getByRole("button", { name: en.auth.submit, exact: true }).click();
}

/** No serious or critical accessibility violations on the page as it stands. */
export async function expectAccessible(page: Page) {
  // Next streams metadata: after a refresh the <title> can arrive a moment after the content.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

type Catalog = typeof import("../../messages/en.json");
const catalog = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join("messages", `${locale}.json`), "utf8")) as Catalog;
/** The shipped catalogs, so tests assert what users read without hard-coding it twice. */
export const en = catalog("en");
export const fr = catalog("fr");

/** Fills a message's {placeholders}, for matching text users see. */
export const format = (message: string, values: Record<string, string>) =>
  message.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? `{${name}}`);

/** Does something that calls a server action and waits until the server has answered it. */
export async function afterServerAction(page: Page, act: () => Promise<unknown>) {
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && !!r.request().headers()["next-action"],
  );
  await act();
  await answered;
}
