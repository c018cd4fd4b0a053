"use server";

import { cookies } from "next/headers";
import { ACTIVE_ORG_COOKIE } from "@/lib/cookies";
import { switchOrganizationSchema } from "@/lib/validation/profile";
import { forbidden } from "@/server/errors";
import { defineAction } from "../define-action";

/** Chooses which of the caller's organizations they act in; only their own. */
export const switchOrganization = defineAction({
  access: "signed-in",
  input: switchOrganizationSchema,
  run: async ({ orgId }, caller) => {
    if (!caller.memberships.some((m) => m.org.id === orgId)) throw forbidden();
    (await cookies()).set(ACTIVE_ORG_COOKIE, orgId, { path: "/", sameSite: "lax", httpOnly: true });
    return { orgId };
  },
});
