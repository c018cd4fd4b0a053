import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInView } from "@/components/auth/sign-in-view";
import { getCaller } from "@/server/auth/caller";
import { signInPage } from "@/server/services/auth/sign-in-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("title") };
}

type Props = { searchParams: Promise<{ error?: string; callbackUrl?: string }> };

export default async function SignInPageRoute({ searchParams }: Props) {
  if (await getCaller()) redirect("/");
  return <SignInView page={await signInPage(await searchParams)} />;
}
