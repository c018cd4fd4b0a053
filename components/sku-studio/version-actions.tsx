"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/lib/client/use-server-action";
import { archiveSku } from "@/server/actions/skus/archive-sku";
import { publishSkuVersion } from "@/server/actions/skus/publish-sku-version";

/** Publish a draft (or an earlier version again, to roll back), or withdraw the published one. */
export function VersionActions({
  skuId,
  versionId,
  number,
  state,
}: {
  skuId: string;
  versionId: string;
  number: number;
  state: string;
}) {
  const t = useTranslations("skuStudio");
  const publish = useServerAction(publishSkuVersion, { invalidates: "page" });
  const archive = useServerAction(archiveSku, { invalidates: "page" });
  const failed = publish.errorMessage ?? archive.errorMessage;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {state !== "PUBLISHED" ? (
        <Button
          variant={state === "DRAFT" ? "primary" : "secondary"}
          pending={publish.pending}
          aria-label={t("publishNamed", { number })}
          onClick={() => publish.run({ versionId })}
        >
          {state === "DRAFT" ? t("publish") : t("republish")}
        </Button>
      ) : (
        <Button
          variant="danger"
          pending={archive.pending}
          aria-label={t("archiveNamed", { number })}
          onClick={() => window.confirm(t("confirmArchive")) && archive.run({ skuId })}
        >
          {t("archive")}
        </Button>
      )}
      {failed && (
        <p role="alert" className="text-xs text-danger">
          {failed}
        </p>
      )}
    </div>
  );
}
