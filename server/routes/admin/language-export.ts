import { z } from "zod";
import { errorKey } from "@/lib/validation/field-errors";
import { localeTagSchema } from "@/lib/validation/profile";
import { defineRoute } from "@/server/routes/define-route";
import { catalogFile } from "@/server/services/languages/catalog-files";

/** Downloads a language's catalog as next-intl JSON or XLIFF 2.0. */
export const GET = defineRoute({
  access: "platform-admin",
  input: {
    params: z.object({ code: localeTagSchema }),
    query: z.object({ format: z.enum(["json", "xliff"], errorKey("choice")).default("json") }),
  },
  run: async ({ params, query }) => {
    const file = await catalogFile(params.code, query.format);
    return new Response(file.text, {
      headers: { "Content-Type": file.type, "Content-Disposition": `attachment; filename="${file.name}"` },
    });
  },
});
