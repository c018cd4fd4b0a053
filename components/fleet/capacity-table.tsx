import { getFormatter, getTranslations } from "next-intl/server";
import { Cell, Table } from "@/components/ui/table";
import type { ClusterCapacity } from "@/server/cluster/driver/capacity";

/** GPUs by model and resource (whole GPUs, each MIG profile): allocatable, in use, and the share used. */
export async function CapacityTable({ capacity }: { capacity: ClusterCapacity }) {
  const [t, format] = await Promise.all([getTranslations("admin.fleet"), getFormatter()]);
  if (capacity.pools.length === 0)
    return <p className="text-sm text-fg-muted">{t("noGpus", { nodes: capacity.nodes })}</p>;
  return (
    <>
      <p className="mb-3 text-sm text-fg-muted">{t("nodes", { ready: capacity.readyNodes, total: capacity.nodes })}</p>
      <Table
        caption={t("gpuCapacity")}
        headers={[t("gpuModel"), t("resource"), t("nodeCount"), t("allocated"), t("used")]}
      >
        {capacity.pools.map((pool) => {
          const share = pool.allocatable ? pool.allocated / pool.allocatable : 0;
          return (
            <tr key={`${pool.model}-${pool.resource}`}>
              <Cell className="font-medium">{pool.model}</Cell>
              <Cell>
                <code className="text-xs">{pool.resource}</code>
              </Cell>
              <Cell>{format.number(pool.nodes)}</Cell>
              <Cell>{t("allocatedOf", { allocated: pool.allocated, allocatable: pool.allocatable })}</Cell>
              <Cell>
                <div className="flex items-center gap-2">
                  <progress
                    className="h-2 w-24 accent-accent"
                    max={1}
                    value={share}
                    aria-label={t("usedOf", { model: pool.model, resource: pool.resource })}
                  />
                  <span>{format.number(share, { style: "percent" })}</span>
                </div>
              </Cell>
            </tr>
          );
        })}
      </Table>
    </>
  );
}
