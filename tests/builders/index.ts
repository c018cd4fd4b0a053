// Test data made the way the portal makes it: through the services, with defaults a test overrides.
export { insertDeployment } from "./deployments";
export { type LaunchAsOptions, launchAs, TEST_SSH_KEY } from "./launches";
export { type SeededMember, type SeededOrg, type SeedOrgOptions, seedOrg, seedProject } from "./orgs";
export { skuSpecOf, templateVersion } from "./sku-specs";
export { type SeedSkuOptions, seedSku } from "./skus";
export { uniqueSlug, uniqueTag } from "./unique";
export { type SeededUser, type SeedUserOptions, seedUser } from "./users";
