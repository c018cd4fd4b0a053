import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ProfileForm } from "@/components/profile/profile-form";
import { Card, PageHeader } from "@/components/ui/layout";
import { requirePageAccess } from "@/server/auth/page-access";
import { localeChoices } from "@/server/i18n/locale-choices";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("profile"))("title") };
}

export default async function ProfilePage() {
  const caller = await requirePageAccess("signed-in");
  const [t, choices] = await Promise.all([getTranslations("profile"), localeChoices()]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <Card>
        <ProfileForm name={caller.name} email={caller.email} locale={caller.locale ?? ""} choices={choices} />
      </Card>
    </>
  );
}
