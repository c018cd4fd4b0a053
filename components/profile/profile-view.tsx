import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/layout";
import type { ProfilePage } from "@/server/services/profile/profile-page";
import { ProfileForm } from "./profile-form";

export async function ProfileView({ page }: { page: ProfilePage }) {
  const t = await getTranslations("profile");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <ProfileForm {...page} />
      </Card>
    </>
  );
}
