// Run before the portal starts (playwright.config.ts): the data folder migrated and seeded as `npm start`
// does it (which then finds nothing to do), plus one disabled account for the SSO tests.
import { openDatabase } from "@/server/db/client";
import { migrateConfiguredDatabase, seedDemoData } from "../../../scripts/prepare-database";
import { DISABLED_ACCOUNT } from "./identities";

await migrateConfiguredDatabase((line) => console.log(`[e2e] ${line}`));
await seedDemoData();
const handle = openDatabase();
try {
  const { email, name, org } = DISABLED_ACCOUNT;
  const { id: orgId } = await handle.db.organization.findUniqueOrThrow({ where: { slug: org } });
  // Inserted as the demo seed inserts its accounts: no service disables an account yet.
  await handle.db.user.upsert({
    where: { email },
    update: { disabledAt: new Date() },
    create: { email, name, disabledAt: new Date(), memberships: { create: { orgId, role: "MEMBER" } } },
  });
} finally {
  await handle.close();
}
