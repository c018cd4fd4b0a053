import { db } from "@/server/db/client";
import { defineRoute } from "@/server/routes/define-route";

/** Liveness and database reachability for load balancers; reveals nothing else. */
export const GET = defineRoute({
  access: "public",
  input: {},
  run: async () => {
    await db().$queryRaw`SELECT 1`;
    return { status: "ok" };
  },
});
