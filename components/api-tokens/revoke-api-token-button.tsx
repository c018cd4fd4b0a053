"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/lib/client/use-server-action";
import { revokeApiToken } from "@/server/actions/api-tokens/revoke-api-token";

/** Revokes a token after a confirmation; calls made with it are refused from then on. */
export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("apiTokens");
  const revoke = useServerAction(revokeApiToken, { invalidates: "page" });
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="danger"
        pending={revoke.pending}
        aria-label={t("revokeNamed", { name })}
        onClick={() => window.confirm(t("confirmRevoke", { name })) && revoke.run({ tokenId })}
      >
        {t("revoke")}
      </Button>
      {revoke.errorMessage && (
        <p role="alert" className="text-xs text-danger">
          {revoke.errorMessage}
        </p>
      )}
    </div>
  );
}
