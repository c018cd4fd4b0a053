import { randomBytes } from "node:crypto";

/**
 * A new row id in Prisma's cuid shape (a "c" and lowercase hex), for rows whose id must be known before
 * they are written: workload names are built on a deployment's, and sealed values are bound to their row's.
 */
export const newRowId = () => `c${randomBytes(12).toString("hex")}`;
