"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { DeploymentStatusView } from "@/components/deployments/deployment-status";
import { Button } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import { useServerAction } from "@/lib/client/use-server-action";
import { deleteDeployment } from "@/server/actions/deployments/delete-deployment";
import { setDeploymentDesired } from "@/server/actions/deployments/set-desired";
import { useDeploymentStatus } from "./use-deployment-status";

export type ListedDeployment = { id: string; name: string; versionNumber: number | null; clusterName: string };

/** Deployments that are not deleted yet, each with its live status and a delete button. */
export function DeploymentList({ deployments, caption, empty }: { deployments: ListedDeployment[]; caption: string; empty: string }) {
  const t = useTranslations("deployments");
  if (deployments.length === 0) return <p className="text-sm text-fg-muted">{empty}</p>;
  return (
    <Table caption={caption} headers={[t("name"), t("version"), t("cluster"), t("status"), t("actions")]}>
      {deployments.map((launch) => (
        <tr key={launch.id} data-testid="deployment">
          <Cell><code className="text-xs">{launch.name}</code></Cell>
          <Cell>{launch.versionNumber === null ? "—" : t("versionNumber", { number: launch.versionNumber })}</Cell>
          <Cell>{launch.clusterName}</Cell>
          <Cell><DeploymentStatusView deploymentId={launch.id} /></Cell>
          <Cell><RowActions id={launch.id} name={launch.name} /></Cell>
        </tr>
      ))}
    </Table>
  );
}

/** Stop or start (by what the deployment is meant to be now) and delete; each asks the controller at once. */
function RowActions({ id, name }: { id: string; name: string }) {
  const t = useTranslations("deployments");
  const queryClient = useQueryClient();
  const status = useDeploymentStatus(id);
  const refetch = { onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["deployment", id] }) };
  const toggle = useServerAction(setDeploymentDesired, refetch);
  const remove = useServerAction(deleteDeployment, refetch);
  const desired = status.data?.desired;
  const failed = toggle.errorMessage ?? remove.errorMessage;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {desired === "RUNNING" && (
        <Button variant="secondary" pending={toggle.pending} aria-label={t("stopNamed", { name })} onClick={() => toggle.run({ deploymentId: id, desired: "STOPPED" })}>{t("stop")}</Button>
      )}
      {desired === "STOPPED" && (
        <Button variant="secondary" pending={toggle.pending} aria-label={t("startNamed", { name })} onClick={() => toggle.run({ deploymentId: id, desired: "RUNNING" })}>{t("start")}</Button>
      )}
      <Button variant="danger" pending={remove.pending} aria-label={t("deleteNamed", { name })} onClick={() => window.confirm(t("confirmDelete", { name })) && remove.run({ deploymentId: id })}>
        {t("delete")}
      </Button>
      {failed && <p role="alert" className="text-xs text-danger">{failed}</p>}
    </div>
  );
}
