import { createHash } from "node:crypto";
import { newRowId } from "@/server/db/row-id";

/** Prisma's cuid shape, which workload names and labels are built on. */
export const newDeploymentId = newRowId;

/**
 * A workload spec as a deployment row stores it (plain JSON) and the hash of that JSON. The
 * controller applies a row again only when its `specHash` differs from the `appliedHash` it recorded,
 * so every writer of deployment rows must hash the same way.
 */
export function storedSpec(spec: unknown): { spec: object; specHash: string } {
  const text = JSON.stringify(spec);
  return { spec: JSON.parse(text) as object, specHash: createHash("sha256").update(text).digest("hex") };
}
