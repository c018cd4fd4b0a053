import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui/layout";
import type { ProfilePage } from "@/server/services/profile/profile-page";
import { ProfileForm } from "./profile-form";

export async function ProfileView({ page }: { page: ProfilePage }) {
  const t = await getTranslations("profile");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        <Card>
          <ProfileForm name={page.name} email={page.email} locale={page.locale} choices={page.choices} />
        </Card>
        {page.apiTokens && (
          <Card title={t("apiTokensTitle")}>
            <p className="text-sm text-fg-muted">{t("apiTokensBody")}</p>
            <Link href="/api-tokens" className="mt-3 inline-block text-sm text-accent hover:underline">
              {t("apiTokensLink")}
            </Link>
          </Card>
        )}
      </div>
    </>
  );
}
