import { LABEL, MANAGED_BY } from "@/server/cluster/manifests/labels";

// What the driver and controller key on; defined once with the manifests that set them.
export const DEPLOYMENT_LABEL = LABEL.deployment;
export const FIELD_MANAGER = "portico";
/** Every object Portico created for some deployment (project-level objects carry no deployment id). */
export const MANAGED_SELECTOR = `${LABEL.managedBy}=${MANAGED_BY},${LABEL.deployment}`;
