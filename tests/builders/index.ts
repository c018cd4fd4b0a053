// Test data made the way the portal makes it: through the services, with defaults a test overrides.
export { insertDeployment } from "./deployments";
export { launchAs, TEST_SSH_KEY, type LaunchAsOptions } from "./launches";
export { seedOrg, seedProject, type SeededMember, type SeededOrg, type SeedOrgOptions } from "./orgs";
export { skuSpecOf, templateVersion } from "./sku-specs";
export { seedSku, type SeedSkuOptions } from "./skus";
export { uniqueSlug, uniqueTag } from "./unique";
export { seedUser, type SeededUser, type SeedUserOptions } from "./users";
