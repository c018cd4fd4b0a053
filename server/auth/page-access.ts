import { forbidden, notFound, redirect } from "next/navigation";
import { type Access, type CallerFor, isAllowed } from "@/server/authz";
import { AppError } from "@/server/errors";
import { getCaller } from "./caller";

/** For pages: sends the signed-out to sign in and answers 403 to those without the role. */
export async function requirePageAccess<A extends Exclude<Access, "public">>(access: A): Promise<CallerFor<A>> {
  const caller = await getCaller();
  if (!caller) redirect("/signin");
  if (!isAllowed(caller, access)) forbidden();
  return caller as CallerFor<A>;
}

/** A page's data, or the 404 page when its service finds nothing (for this caller). */
export async function pageData<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
