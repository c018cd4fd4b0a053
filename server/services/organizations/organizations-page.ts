import { db } from "@/server/db/client";
import { listOrganizations } from "./list-organizations";

/** Every organization (the provider's first) with its size and GPU quota. */
export async function organizationsPage() {
  return { orgs: await listOrganizations(db()) };
}

export type OrganizationsPage = Awaited<ReturnType<typeof organizationsPage>>;
