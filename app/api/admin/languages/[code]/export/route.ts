import { z } from "zod";
import { localeTagSchema } from "@/lib/validation/profile";
import { notFound, parseInput } from "@/server/errors";
import { i18nState } from "@/server/i18n/store";
import { defineRoute } from "@/server/routes/define-route";
import { exportCatalog } from "@/server/services/languages/catalog-files";

export const dynamic = "force-dynamic";

const querySchema = z.object({ code: localeTagSchema, format: z.enum(["json", "xliff"], { error: "choice" }).default("json") });

/** Downloads a language's catalog as next-intl JSON or XLIFF 2.0. */
export const GET = defineRoute("platform-admin", async (request, _caller, context) => {
  const { code, format } = parseInput(querySchema, { code: (await context.params).code, format: new URL(request.url).searchParams.get("format") ?? undefined });
  const state = await i18nState();
  if (!state.known.some((l) => l.code === code)) throw notFound();
  const body = await exportCatalog(code, format, state.overrides);
  const extension = format === "json" ? "json" : "xlf";
  return new Response(body, {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "application/xliff+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="portico-${code}.${extension}"`,
    },
  });
});
