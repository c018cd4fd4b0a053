import { getFormatter, getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { Alert, Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import { Cell, Table } from "@/components/ui/table";
import type { FleetCapacity } from "@/server/services/clusters/fleet";
import type { FleetPage } from "@/server/services/clusters/fleet-page";
import { CapacityTable } from "./capacity-table";
import { CheckClusterButton, RegisterClusterForm } from "./cluster-forms";

type Cluster = FleetPage["clusters"][number];

/** Registered clusters, their health and GPU capacity (each cluster's panel on its own), and registration. */
export async function FleetView({ page }: { page: FleetPage }) {
  const t = await getTranslations("admin.fleet");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        {page.clusters.length === 0 ? (
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <ClustersTable clusters={page.clusters} />
        )}
        {page.clusters.map((cluster) => (
          <Card key={cluster.id} title={t("capacityOf", { name: cluster.name })}>
            <PanelBoundary>
              <Suspense
                fallback={
                  <p className="text-sm text-fg-muted" role="status">
                    {t("capacityLoading")}
                  </p>
                }
              >
                <CapacityPanel capacity={cluster.capacity} />
              </Suspense>
            </PanelBoundary>
          </Card>
        ))}
        <Card title={t("registerTitle")}>
          <RegisterClusterForm />
        </Card>
      </div>
    </>
  );
}

async function ClustersTable({ clusters }: { clusters: Cluster[] }) {
  const [t, format] = await Promise.all([getTranslations("admin.fleet"), getFormatter()]);
  const health = (cluster: Cluster) =>
    cluster.healthy === null
      ? t("unchecked")
      : cluster.healthy
        ? t("healthy", { version: cluster.healthMessage ?? "" })
        : t("unhealthy", { message: cluster.healthMessage ?? "" });
  return (
    <Table caption={t("clusters")} headers={[t("name"), t("connection"), t("health"), t("deployments"), t("actions")]}>
      {clusters.map((cluster) => (
        <tr key={cluster.id}>
          <Cell className="font-medium">
            {cluster.name} {cluster.connection === "SIMULATED" && <Badge tone="warning">{t("simulated")}</Badge>}
          </Cell>
          <Cell>{t(`connections.${cluster.connection}`)}</Cell>
          <Cell>
            {health(cluster)}
            {cluster.checkedAt && (
              <span className="block text-xs text-fg-muted">
                {t("checkedAt", { when: format.relativeTime(cluster.checkedAt) })}
              </span>
            )}
          </Cell>
          <Cell>{format.number(cluster.deployments)}</Cell>
          <Cell>
            <CheckClusterButton clusterId={cluster.id} name={cluster.name} />
          </Cell>
        </tr>
      ))}
    </Table>
  );
}

async function CapacityPanel({ capacity }: { capacity: Promise<FleetCapacity> }) {
  const [t, entry] = await Promise.all([getTranslations("admin.fleet"), capacity]);
  if (!entry.ok) return <Alert tone="danger">{t("capacityUnavailable", { message: entry.message })}</Alert>;
  return <CapacityTable capacity={entry.capacity} />;
}
