import { actorOf } from "@/server/actions/actor";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { defineRoute } from "@/server/routes/define-route";
import { importSkuYaml, parseSkuYaml } from "@/server/services/skus/sku-yaml";

export const dynamic = "force-dynamic";

const MAX_FILE_BYTES = 256 * 1024;

/**
 * POST /api/v1/skus/import (body: a SKU file as YAML; `?dryRun=true` only checks it).
 * A file with any problem changes nothing; the answer lists each problem with its line.
 */
export const POST = defineRoute("platform-admin", async (request, caller) => {
  const text = await request.text();
  if (text.length > MAX_FILE_BYTES) throw new AppError("validation", { file: { key: "fileTooLarge" } });
  const dryRun = new URL(request.url).searchParams.get("dryRun") === "true";
  const result = dryRun ? parseSkuYaml(text) : await importSkuYaml(db(), actorOf(caller), text);
  if (!result.ok) return Response.json({ error: { code: "validation", problems: result.problems } }, { status: 400 });
  return Response.json(dryRun ? { ok: true, dryRun: true } : result);
});
