import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { ACTIVE_ORG_COOKIE } from "@/lib/cookies";
import { authOptions } from "./options";

/** The user id from the session and the organization they last chose; once per request. */
export const requestIdentity = cache(async (): Promise<{ userId: string; orgId?: string } | null> => {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const orgId = (await cookies()).get(ACTIVE_ORG_COOKIE)?.value;
  return { userId, orgId };
});
