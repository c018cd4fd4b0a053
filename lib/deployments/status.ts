import type en from "@/messages/en.json";

/** An event reason the catalogs translate (under `deployments.reasons`). */
export type ReasonKey = keyof (typeof en)["deployments"]["reasons"];

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
  /** `reasonKey` is set when the portal knows the reason and can say it in the user's language. */
  events: { at: string; type: string; reason: string; reasonKey: ReasonKey | null; message: string }[];
};

export type DeploymentPhase = "pending" | "starting" | "running" | "stopped" | "failed" | "deleted";

/** Phases that change only when someone acts (or a running pod crashes): polled slowly. */
export const isSettled = (phase: DeploymentPhase) => phase !== "pending" && phase !== "starting";

/** A row of a deployment list (GET /api/v1/deployments), with its status: one request per list. */
export type DeploymentRow = {
  id: string;
  name: string;
  versionNumber: number | null;
  clusterName: string;
  status: DeploymentStatus;
};
