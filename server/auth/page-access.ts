import { forbidden, redirect } from "next/navigation";
import { getCaller } from "./caller";
import { isAllowed, type Access, type CallerFor } from "@/server/authz";

/** For pages: sends the signed-out to sign in and answers 403 to those without the role. */
export async function requirePageAccess<A extends Exclude<Access, "public">>(access: A): Promise<CallerFor<A>> {
  const caller = await getCaller();
  if (!caller) redirect("/signin");
  if (!isAllowed(caller, access)) forbidden();
  return caller as CallerFor<A>;
}
