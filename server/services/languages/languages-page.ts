import { db } from "@/server/db/client";
import { listLocales } from "./list-locales";

/** Every language with its coverage, the defaults to choose from, and each customer org's default. */
export async function languagesPage() {
  const [locales, orgs] = await Promise.all([
    listLocales(),
    db().organization.findMany({
      where: { kind: "CUSTOMER" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, defaultLocale: true },
    }),
  ]);
  return {
    locales,
    platformDefault: locales.find((l) => l.isDefault)?.code ?? "en",
    choices: locales.filter((l) => l.enabled).map((l) => ({ value: l.code, label: `${l.name} (${l.code})` })),
    orgs,
  };
}

export type LanguagesPage = Awaited<ReturnType<typeof languagesPage>>;
