import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { SSO_CLIENT } from "./tests/e2e/sso/identities";

// The end-to-end suite runs the portal exactly as `npm start` does on a fresh clone
// (embedded PGlite, demo seed), in a throwaway data folder, on its own port.
const port = Number(process.env.E2E_PORT ?? 3100);
export const dataDir = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), `portico-e2e-${process.pid}`);
process.env.E2E_DATA_DIR = dataDir;
// The OpenID provider the portal's single sign-on goes to (tests/e2e/sso/provider.ts).
const oidcIssuer = `http://127.0.0.1:${Number(process.env.E2E_OIDC_PORT ?? 3101)}`;
process.env.E2E_OIDC_ISSUER = oidcIssuer;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "test-reports/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: [
    {
      command: "npx tsx tests/e2e/sso/provider.ts",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: { E2E_OIDC_ISSUER: oidcIssuer, E2E_PORTAL_URL: `http://localhost:${port}` },
    },
    {
      // The data folder gets a disabled account first; then the portal starts as `npm start` starts it.
      command: "npx tsx tests/e2e/sso/prepare-portal-data.ts && npx tsx scripts/start.ts",
      url: `http://localhost:${port}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(port),
        PORTICO_DATA_DIR: dataDir,
        DATABASE_URL: "",
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: oidcIssuer,
        OIDC_CLIENT_ID: SSO_CLIENT.id,
        OIDC_CLIENT_SECRET: SSO_CLIENT.secret,
        OIDC_NAME: SSO_CLIENT.name,
      },
    },
  ],
});
