/** A deployment as GET /api/v1/deployments/{id} returns it (docs/openapi.yaml). */
export type DeploymentStatus = {
  id: string;
  name: string;
  kind: string;
  desired: string;
  phase: DeploymentPhase;
  phaseMessage: string | null;
  /** Where an app answers (HTTPS), once it runs. */
  url: string | null;
  skuVersion: { skuId: string; number: number } | null;
  createdAt: string;
  events: { at: string; type: string; reason: string; message: string }[];
};

export type DeploymentPhase = "pending" | "starting" | "running" | "stopped" | "failed" | "deleted";

/** Phases that change only when someone acts (or a running pod crashes): polled slowly. */
export const isSettled = (phase: DeploymentPhase) => phase !== "pending" && phase !== "starting";
