import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";

export const dynamic = "force-dynamic";

/** Liveness and database reachability for load balancers; reveals nothing else. */
export const GET = defineRoute("public", async () => {
  await db().$queryRaw`SELECT 1`;
  return Response.json({ status: "ok" });
});
