"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Cell, Table } from "@/components/ui/table";
import { capacityKeys } from "@/lib/client/queries/capacity";
import { type DeploymentListFilter, deploymentKeys, deploymentListQuery } from "@/lib/client/queries/deployments";
import { failedWithoutData } from "@/lib/client/queries/state";
import { useServerAction } from "@/lib/client/use-server-action";
import type { DeploymentRow } from "@/lib/deployments/status";
import { deleteDeployment } from "@/server/actions/deployments/delete-deployment";
import { setDeploymentDesired } from "@/server/actions/deployments/set-desired";
import { DeploymentStatusView } from "./deployment-status";

type Props = { filter: DeploymentListFilter; caption: string; empty: string };

/** Deployments that are not deleted yet, each with its live status (one request per list) and its actions. */
export function DeploymentList({ filter, caption, empty }: Props) {
  const t = useTranslations("deployments");
  const list = useQuery(deploymentListQuery(filter));
  if (failedWithoutData(list))
    return (
      <p className="text-sm text-danger" role="status">
        {t("statusUnavailable")}
      </p>
    );
  if (!list.data) return <span className="inline-block h-4 w-32 animate-pulse rounded bg-border" aria-hidden />;
  if (list.data.deployments.length === 0) return <p className="text-sm text-fg-muted">{empty}</p>;
  return (
    <Table caption={caption} headers={[t("name"), t("version"), t("cluster"), t("status"), t("actions")]}>
      {list.data.deployments.map((row) => (
        <tr key={row.id} data-testid="deployment">
          <Cell>
            <code className="text-xs">{row.name}</code>
          </Cell>
          <Cell>{row.versionNumber === null ? "—" : t("versionNumber", { number: row.versionNumber })}</Cell>
          <Cell>{row.clusterName}</Cell>
          <Cell>
            <DeploymentStatusView status={row.status} />
          </Cell>
          <Cell>
            <RowActions row={row} />
          </Cell>
        </tr>
      ))}
    </Table>
  );
}

/** A stop, start or delete changes the deployments' statuses and the GPUs in use. */
const CHANGES = [deploymentKeys.all, capacityKeys.all];

/** Stop or start (by what the deployment is meant to be now) and delete; each asks the controller at once. */
function RowActions({ row }: { row: DeploymentRow }) {
  const t = useTranslations("deployments");
  const toggle = useServerAction(setDeploymentDesired, { invalidates: CHANGES });
  const remove = useServerAction(deleteDeployment, { invalidates: CHANGES });
  const { id, name } = row;
  const { desired } = row.status;
  const failed = toggle.errorMessage ?? remove.errorMessage;
  const confirmDelete = () => window.confirm(t("confirmDelete", { name })) && remove.run({ deploymentId: id });
  return (
    <div className="flex flex-wrap items-center gap-2">
      {desired === "RUNNING" && (
        <Button
          variant="secondary"
          pending={toggle.pending}
          aria-label={t("stopNamed", { name })}
          onClick={() => toggle.run({ deploymentId: id, desired: "STOPPED" })}
        >
          {t("stop")}
        </Button>
      )}
      {desired === "STOPPED" && (
        <Button
          variant="secondary"
          pending={toggle.pending}
          aria-label={t("startNamed", { name })}
          onClick={() => toggle.run({ deploymentId: id, desired: "RUNNING" })}
        >
          {t("start")}
        </Button>
      )}
      <Button variant="danger" pending={remove.pending} aria-label={t("deleteNamed", { name })} onClick={confirmDelete}>
        {t("delete")}
      </Button>
      {failed && (
        <p role="alert" className="text-xs text-danger">
          {failed}
        </p>
      )}
    </div>
  );
}
