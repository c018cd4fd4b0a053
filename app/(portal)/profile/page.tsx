import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileView } from "@/components/profile/profile-view";
import { requirePageAccess } from "@/server/auth/page-access";
import { profilePage } from "@/server/services/profile/profile-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePageRoute() {
  return <ProfileView page={await profilePage(await requirePageAccess("signed-in"))} />;
}
