"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { setSkuSharing } from "@/server/actions/skus/set-sku-sharing";

type Org = { id: string; name: string; projects: { id: string; name: string }[] };
type Props = { skuId: string; sharedWithAll: boolean; orgs: Org[]; chosen: { orgId: string; projectIds: string[] }[] };

/** Every organization, or the chosen ones: a plain setting; within a chosen org, all its projects or some. */
export function SharingForm({ skuId, sharedWithAll, orgs, chosen }: Props) {
  const t = useTranslations("skuStudio");
  const [all, setAll] = useState(sharedWithAll);
  /** Chosen orgs → their chosen projects (empty: every project of the org). */
  const [selected, setSelected] = useState(() => new Map(chosen.map((c) => [c.orgId, c.projectIds])));
  const save = useServerAction(setSkuSharing, { invalidates: "page" });
  const update = (change: (next: Map<string, string[]>) => void) =>
    setSelected((current) => {
      const next = new Map(current);
      change(next);
      return next;
    });
  const toggleOrg = (id: string) => update((next) => (next.has(id) ? next.delete(id) : next.set(id, [])));
  const toggleProject = (orgId: string, projectId: string) =>
    update((next) => {
      const projects = next.get(orgId) ?? [];
      next.set(
        orgId,
        projects.includes(projectId) ? projects.filter((p) => p !== projectId) : [...projects, projectId],
      );
    });
  return (
    <div className="flex flex-col gap-4 text-sm">
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">{t("sharingTitle")}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="sharing" checked={all} onChange={() => setAll(true)} />
          {t("allOrgs")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="sharing" checked={!all} onChange={() => setAll(false)} />
          {t("chosenOrgs")}
        </label>
      </fieldset>
      {!all && (
        <fieldset className="flex flex-col gap-2 ps-6">
          <legend className="sr-only">{t("chosenOrgs")}</legend>
          {orgs.map((org) => (
            <div key={org.id} className="flex flex-col gap-1">
              <label className="flex items-center gap-2">
                <input type="checkbox" checked={selected.has(org.id)} onChange={() => toggleOrg(org.id)} />
                {org.name}
              </label>
              {selected.has(org.id) && org.projects.length > 0 && (
                <fieldset className="flex flex-wrap gap-x-4 gap-y-1 ps-6">
                  <legend className="text-xs text-fg-muted">{t("projectsOf", { org: org.name })}</legend>
                  {org.projects.map((project) => (
                    <label key={project.id} className="flex items-center gap-2 text-xs">
                      <input
                        type="checkbox"
                        checked={selected.get(org.id)!.includes(project.id)}
                        onChange={() => toggleProject(org.id, project.id)}
                      />
                      {project.name}
                    </label>
                  ))}
                </fieldset>
              )}
            </div>
          ))}
        </fieldset>
      )}
      {save.errorMessage && <Alert tone="danger">{save.errorMessage}</Alert>}
      {save.succeeded && <Alert tone="success">{t("sharingSaved")}</Alert>}
      <div>
        <Button
          pending={save.pending}
          onClick={() =>
            save.run({
              skuId,
              sharedWithAll: all,
              orgs: all ? [] : [...selected].map(([orgId, projectIds]) => ({ orgId, projectIds })),
            })
          }
        >
          {t("saveSharing")}
        </Button>
      </div>
    </div>
  );
}
