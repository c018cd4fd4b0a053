"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { setSkuSharing } from "@/server/actions/skus/set-sku-sharing";

type Props = { skuId: string; sharedWithAll: boolean; orgs: { id: string; name: string }[]; chosen: { orgId: string; projectIds: string[] }[] };

/**
 * Every organization, or the chosen ones: a plain setting. An org shared with only some of its
 * projects (set through YAML or the API) keeps exactly those projects.
 */
export function SharingForm({ skuId, sharedWithAll, orgs, chosen }: Props) {
  const t = useTranslations("skuStudio");
  const [all, setAll] = useState(sharedWithAll);
  const [selected, setSelected] = useState(new Set(chosen.map((c) => c.orgId)));
  const projectsOf = new Map(chosen.map((c) => [c.orgId, c.projectIds]));
  const save = useServerAction(setSkuSharing);
  const toggle = (id: string) => setSelected((current) => {
    const next = new Set(current);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  return (
    <div className="flex flex-col gap-4 text-sm">
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">{t("sharingTitle")}</legend>
        <label className="flex items-center gap-2"><input type="radio" name="sharing" checked={all} onChange={() => setAll(true)} />{t("allOrgs")}</label>
        <label className="flex items-center gap-2"><input type="radio" name="sharing" checked={!all} onChange={() => setAll(false)} />{t("chosenOrgs")}</label>
      </fieldset>
      {!all && (
        <fieldset className="flex flex-col gap-1 ps-6">
          <legend className="sr-only">{t("chosenOrgs")}</legend>
          {orgs.map((org) => (
            <label key={org.id} className="flex items-center gap-2">
              <input type="checkbox" checked={selected.has(org.id)} onChange={() => toggle(org.id)} />
              {org.name}
              {(projectsOf.get(org.id)?.length ?? 0) > 0 && <span className="text-xs text-fg-muted">{t("someProjects", { count: projectsOf.get(org.id)!.length })}</span>}
            </label>
          ))}
        </fieldset>
      )}
      {save.errorMessage && <Alert tone="danger">{save.errorMessage}</Alert>}
      {save.succeeded && <Alert tone="success">{t("sharingSaved")}</Alert>}
      <div>
        <Button pending={save.pending} onClick={() => save.run({ skuId, sharedWithAll: all, orgs: all ? [] : [...selected].map((orgId) => ({ orgId, projectIds: projectsOf.get(orgId) ?? [] })) })}>{t("saveSharing")}</Button>
      </div>
    </div>
  );
}
