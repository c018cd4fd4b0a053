import { redirect } from "next/navigation";
import { requirePageAccess } from "@/server/auth/page-access";

export default async function Home() {
  const caller = await requirePageAccess("signed-in");
  redirect(caller.org?.kind === "PROVIDER" ? "/admin/sku-studio" : "/marketplace");
}
