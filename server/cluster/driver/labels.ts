// Labels Portico puts on everything it creates; the controller's garbage collection keys on them.
export const MANAGED_BY = "app.kubernetes.io/managed-by";
export const DEPLOYMENT_LABEL = "portico.dev/deployment";
export const FIELD_MANAGER = "portico";
export const MANAGED_SELECTOR = `${MANAGED_BY}=portico,${DEPLOYMENT_LABEL}`;
