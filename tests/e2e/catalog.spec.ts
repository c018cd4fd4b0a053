import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../../prisma/demo-accounts";
import { en, expectAccessible, signIn } from "./support";

// The demo seed publishes four SKUs: Developer Pod Small to every org, Large to Acme,
// JupyterLab to Acme and Globex, and a vLLM model to Acme's "research" project.
const card = (page: import("@playwright/test").Page, name: string) => page.getByRole("article", { name, exact: true });

test("each organization's catalog shows exactly what is shared with it, with its price", async ({ page, browser }) => {
  await signIn(page, DEMO_ACCOUNTS.alice.email);
  await expect(page.getByRole("heading", { level: 1, name: en.marketplace.title })).toBeVisible();
  for (const name of ["Developer Pod Small", "Developer Pod Large", "JupyterLab", "Qwen2.5 7B Instruct"])
    await expect(card(page, name)).toBeVisible();
  // 1 × H100 at $2.49 + 4 vCPU at $0.012 + 8 GiB at $0.004 per hour.
  await expect(card(page, "Developer Pod Small").getByTestId("price")).toHaveText("$2.57 per hour");
  await expectAccessible(page);

  const globex = await (await browser.newContext()).newPage();
  await signIn(globex, DEMO_ACCOUNTS.hank.email);
  await expect(card(globex, "Developer Pod Small")).toBeVisible();
  await expect(card(globex, "JupyterLab")).toBeVisible();
  await expect(globex.getByRole("article")).toHaveCount(2);
});
