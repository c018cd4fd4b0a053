import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { CheckClusterButton, RegisterClusterForm } from "@/components/fleet/cluster-forms";
import { CapacityTable } from "@/components/fleet/capacity-table";
import { Alert, Badge, Card, EmptyState, PageHeader } from "@/components/ui/layout";
import { Cell, Table } from "@/components/ui/table";
import { requirePageAccess } from "@/server/auth/page-access";
import { db } from "@/server/db/client";
import { fleetCapacity, listClusters } from "@/server/services/clusters/fleet";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.fleet"))("title") };
}

export default async function FleetPage() {
  await requirePageAccess("platform-admin");
  const [t, format, clusters, capacity] = await Promise.all([getTranslations("admin.fleet"), getFormatter(), listClusters(db()), fleetCapacity(db())]);
  const capacityOf = new Map(capacity.map((c) => [c.clusterId, c]));
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="flex flex-col gap-6">
        {clusters.length === 0 ? (
          <EmptyState title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <Table caption={t("clusters")} headers={[t("name"), t("connection"), t("health"), t("deployments"), t("actions")]}>
            {clusters.map((cluster) => (
              <tr key={cluster.id}>
                <Cell className="font-medium">
                  {cluster.name} {cluster.connection === "SIMULATED" && <Badge tone="warning">{t("simulated")}</Badge>}
                </Cell>
                <Cell>{t(`connections.${cluster.connection}`)}</Cell>
                <Cell>
                  {cluster.healthy === null ? t("unchecked") : cluster.healthy ? t("healthy", { version: cluster.healthMessage ?? "" }) : t("unhealthy", { message: cluster.healthMessage ?? "" })}
                  {cluster.checkedAt && <span className="block text-xs text-fg-muted">{t("checkedAt", { when: format.relativeTime(cluster.checkedAt) })}</span>}
                </Cell>
                <Cell>{format.number(cluster._count.deployments)}</Cell>
                <Cell><CheckClusterButton clusterId={cluster.id} name={cluster.name} /></Cell>
              </tr>
            ))}
          </Table>
        )}
        {clusters.map((cluster) => {
          const entry = capacityOf.get(cluster.id);
          return (
            <Card key={cluster.id} title={t("capacityOf", { name: cluster.name })}>
              {!entry || !entry.ok ? <Alert tone="danger">{t("capacityUnavailable", { message: entry && !entry.ok ? entry.message : "" })}</Alert> : <CapacityTable capacity={entry.capacity} />}
            </Card>
          );
        })}
        <Card title={t("registerTitle")}><RegisterClusterForm /></Card>
      </div>
    </>
  );
}
