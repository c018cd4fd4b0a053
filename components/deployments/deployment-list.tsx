"use client";

import { useTranslations } from "next-intl";
import { DeploymentStatusView } from "@/components/deployments/deployment-status";
import { Button } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import { useServerAction } from "@/lib/client/use-server-action";
import { deleteDeployment } from "@/server/actions/deployments/delete-deployment";

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
          <Cell><DeleteButton id={launch.id} name={launch.name} /></Cell>
        </tr>
      ))}
    </Table>
  );
}

function DeleteButton({ id, name }: { id: string; name: string }) {
  const t = useTranslations("deployments");
  const remove = useServerAction(deleteDeployment);
  return (
    <div className="flex flex-col gap-1">
      <Button variant="danger" pending={remove.pending} aria-label={t("deleteNamed", { name })} onClick={() => window.confirm(t("confirmDelete", { name })) && remove.run({ deploymentId: id })}>
        {t("delete")}
      </Button>
      {remove.errorMessage && <p role="alert" className="text-xs text-danger">{remove.errorMessage}</p>}
    </div>
  );
}
