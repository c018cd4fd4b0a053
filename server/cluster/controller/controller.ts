import type { KubernetesObject, V1Pod } from "@kubernetes/client-node";
import type { Db } from "@/server/db/client";
import { type ClusterDriver, describeError, type ObjectRef } from "../driver/driver";
import { DEPLOYMENT_LABEL, MANAGED_SELECTOR } from "../driver/labels";
import { WatchedKind } from "../driver/watched-kind";
import { retryDelayMs } from "./backoff";
import { listPath, WORKLOAD_KINDS } from "./managed-kinds";
import { observePods } from "./observe";
import { slimPod, slimWorkload } from "./slim";

/** The manifests of one deployment, from its stored spec (see deployment-manifests.ts). */
export type BuildManifests = (deployment: {
  id: string;
  spec: unknown;
  secretEnvCipher: string | null;
}) => Promise<KubernetesObject[]>;

type Row = {
  id: string;
  stopAt: Date | null;
  specHash: string;
  appliedHash: string | null;
  desired: "RUNNING" | "STOPPED" | "DELETED";
  phase: string;
  phaseMessage: string | null;
  failures: number;
  nextAttemptAt: Date | null;
};

/** A deployment's objects and pods in the caches, as of the start of a pass. */
type Objects = readonly KubernetesObject[];
type Pods = readonly V1Pod[];
const NONE: readonly never[] = [];
/** The I/O that brings one deployment in line. */
type Work = () => Promise<void>;

/** The SKU's maximum runtime is over but the deployment is still meant to run. */
const isExpiring = (row: Row, now: Date) => row.desired === "RUNNING" && !!row.stopAt && row.stopAt <= now;

/** What the controller changes on a deployment row. */
type RowUpdate = Partial<Pick<Row, "phase" | "phaseMessage" | "appliedHash" | "failures" | "nextAttemptAt">>;
type EventType = "Normal" | "Warning";
/** What a write reads back. */
const ONLY_ID = { id: true } as const;

export type PassStats = {
  examined: number;
  applied: number;
  deleted: number;
  observed: number;
  collected: number;
  failed: number;
  skipped: number;
};

type Deps = {
  db: Db;
  clusterId: string;
  driver: ClusterDriver;
  build: BuildManifests;
  now?: () => Date;
  onChange?: () => void;
  /** Deployments reconciled at once; each one's objects are still applied in order. */
  concurrency?: number;
};

/** Runs `work` over `items`, at most `limit` at a time. */
async function forEachConcurrently<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const refOf = (object: KubernetesObject): ObjectRef => ({
  apiVersion: object.apiVersion!,
  kind: object.kind!,
  name: object.metadata!.name!,
  namespace: object.metadata?.namespace,
});

function indexByDeployment<T extends KubernetesObject>(objects: Iterable<T>): Map<string, T[]> {
  const index = new Map<string, T[]>();
  for (const object of objects) {
    const id = object.metadata?.labels?.[DEPLOYMENT_LABEL];
    if (!id) continue;
    const list = index.get(id);
    if (list) list.push(object);
    else index.set(id, [object]);
  }
  return index;
}

/**
 * Reconciles what the database wants (deployments and their desired state) with what one
 * cluster has, through watched caches: a pass that has nothing to change reads the database
 * once and makes no API call and no write. Applies are server-side and idempotent, so a retry
 * or a restart in the middle of a pass never doubles anything.
 */
export class DeploymentController {
  private readonly pods: WatchedKind<V1Pod>;
  private readonly workloads: WatchedKind<KubernetesObject>[];
  private readonly now: () => Date;

  constructor(private readonly deps: Deps) {
    this.now = deps.now ?? (() => new Date());
    const { kubeConfig } = deps.driver;
    const onChange = () => deps.onChange?.();
    const managed = { labelSelector: MANAGED_SELECTOR };
    this.pods = new WatchedKind<V1Pod>({
      kubeConfig,
      path: "/api/v1/pods",
      ...managed,
      list: (page) => deps.driver.listPage<V1Pod>("v1", "Pod", { ...managed, ...page }),
      slim: slimPod,
      onChange,
    });
    this.workloads = WORKLOAD_KINDS.map(
      (ref) =>
        new WatchedKind<KubernetesObject>({
          kubeConfig,
          path: listPath(ref),
          ...managed,
          list: (page) => deps.driver.listPage(ref.apiVersion, ref.kind, { ...managed, ...page }),
          slim: (object) => slimWorkload(object, ref),
          onChange,
        }),
    );
  }

  async start(): Promise<void> {
    await Promise.all([this.pods.start(), ...this.workloads.map((w) => w.start())]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.pods.stop(), ...this.workloads.map((w) => w.stop())]);
  }

  async reconcileOnce(): Promise<PassStats> {
    const stats: PassStats = { examined: 0, applied: 0, deleted: 0, observed: 0, collected: 0, failed: 0, skipped: 0 };
    const now = this.now();
    const rows: Row[] = await this.deps.db.deployment.findMany({
      where: { clusterId: this.deps.clusterId, NOT: { phase: "deleted" } },
      select: {
        id: true,
        stopAt: true,
        specHash: true,
        appliedHash: true,
        desired: true,
        phase: true,
        phaseMessage: true,
        failures: true,
        nextAttemptAt: true,
      },
    });
    const workloads = indexByDeployment(this.workloads.flatMap((w) => w.list()));
    const pods = indexByDeployment(this.pods.list());
    const objectsOf = (row: Row) => workloads.get(row.id) ?? NONE;
    const podsOf = (row: Row) => pods.get(row.id) ?? NONE;
    // Deciding needs no I/O: only the deployments with something to do cost a promise and a
    // database or API call, so a steady pass over 10,000 stays fast and leaves little garbage.
    const due: Row[] = [];
    for (const row of rows) {
      stats.examined++;
      if (row.nextAttemptAt && row.nextAttemptAt > now) stats.skipped++;
      else if (!this.inSync(row, objectsOf(row), podsOf(row), now, stats)) due.push(row);
    }
    await forEachConcurrently(due, this.deps.concurrency ?? 8, (row) =>
      this.reconcileRow(row, objectsOf(row), podsOf(row), now, stats),
    );
    stats.collected = await this.collectOrphans(new Set(rows.map((r) => r.id)), workloads);
    return stats;
  }

  private inSync(row: Row, objects: Objects, pods: Pods, now: Date, stats: PassStats): boolean {
    return !isExpiring(row, now) && row.failures === 0 && this.plan(row, objects, pods, stats) === null;
  }

  private async reconcileRow(listed: Row, objects: Objects, pods: Pods, now: Date, stats: PassStats) {
    let row = listed;
    try {
      if (isExpiring(row, now)) row = await this.expire(row);
      await this.plan(row, objects, pods, stats)?.();
      if (row.failures > 0) await this.updateRow(row.id, { failures: 0, nextAttemptAt: null });
    } catch (error) {
      stats.failed++;
      await this.recordFailure(row, error, now);
    }
  }

  /** What one deployment needs done, from what the database wants and the caches show. */
  private plan(row: Row, objects: Objects, pods: Pods, stats: PassStats): Work | null {
    if (row.desired === "DELETED") return this.planDeleted(row, objects, pods, stats);
    if (row.desired === "STOPPED") return this.planStopped(row, objects, pods, stats);
    const applied = row.appliedHash === row.specHash && objects.length > 0;
    if (!applied) return () => this.applyManifests(row, stats);
    const observed = observePods(pods);
    if (observed.phase === row.phase && observed.message === row.phaseMessage) return null;
    return async () => {
      stats.observed++;
      const { phase, message } = observed;
      const type = phase === "failed" || phase === "pending" ? "Warning" : "Normal";
      await this.transition(row, { phase, phaseMessage: message }, type, phaseReason(phase), message ?? "");
    };
  }

  private async applyManifests(row: Row, stats: PassStats) {
    const manifests = await this.manifests(row.id);
    await this.deps.driver.apply(manifests.filter((m) => !this.isAppliedProjectObject(m)));
    for (const manifest of manifests) this.rememberProjectObject(manifest);
    stats.applied++;
    const reason = row.appliedHash === row.specHash ? "Restored" : row.appliedHash ? "Updated" : "Applied";
    const started = { appliedHash: row.specHash, phase: "starting", phaseMessage: null };
    await this.transition(row, started, "Normal", reason, "");
  }

  /** Stopping removes the workload (and so its pods), keeping volumes and secrets for a restart. */
  private planStopped(row: Row, objects: Objects, pods: Pods, stats: PassStats): Work | null {
    if (objects.length > 0) {
      return async () => {
        for (const object of objects) await this.deps.driver.delete(refOf(object));
        stats.deleted++;
      };
    }
    if (pods.length > 0 || row.phase === "stopped") return null;
    const stopped = { phase: "stopped", phaseMessage: null, appliedHash: null };
    return () => this.transition(row, stopped, "Normal", "Stopped", "");
  }

  /** Deleting removes everything built for the deployment, volumes included. */
  private planDeleted(row: Row, objects: Objects, pods: Pods, stats: PassStats): Work | null {
    if (objects.length > 0 || row.phase !== "deleting") return () => this.deleteEverything(row, stats);
    if (pods.length > 0) return null;
    const deleted = { phase: "deleted", phaseMessage: null, appliedHash: null };
    return () => this.transition(row, deleted, "Normal", "Deleted", "");
  }

  private async deleteEverything(row: Row, stats: PassStats) {
    const manifests = await this.manifests(row.id);
    for (const manifest of [...manifests].reverse()) {
      if (manifest.kind === "Namespace") continue; // shared by the project's other deployments
      await this.deps.driver.delete(refOf(manifest));
    }
    for (const pvc of await this.deps.driver.list("v1", "PersistentVolumeClaim", {
      labelSelector: `${DEPLOYMENT_LABEL}=${row.id}`,
    })) {
      await this.deps.driver.delete(refOf({ ...pvc, apiVersion: "v1", kind: "PersistentVolumeClaim" }));
    }
    stats.deleted++;
    if (row.phase !== "deleting")
      await this.transition(row, { phase: "deleting", phaseMessage: null }, "Normal", "Deleting", "");
  }

  /** Workloads labelled for a deployment the database no longer has (or has deleted). */
  private async collectOrphans(live: Set<string>, workloads: Map<string, Objects>): Promise<number> {
    let collected = 0;
    for (const [id, objects] of workloads) {
      if (live.has(id)) continue;
      const known = await this.deps.db.deployment.findUnique({ where: { id }, select: { phase: true } });
      if (known && known.phase !== "deleted") continue; // created after this pass began
      for (const object of objects) await this.deps.driver.delete(refOf(object));
      collected++;
    }
    return collected;
  }

  /**
   * Project-level objects (namespace, quota, policies) are shared by the project's deployments:
   * apply each once per content, not once per deployment. Forgotten on restart, which only
   * costs one idempotent apply.
   */
  private readonly appliedProjectObjects = new Map<string, string>();

  private projectObjectKey(manifest: KubernetesObject): string | null {
    if (manifest.metadata?.labels?.[DEPLOYMENT_LABEL]) return null;
    return `${manifest.apiVersion}/${manifest.kind}/${manifest.metadata?.namespace ?? ""}/${manifest.metadata?.name}`;
  }

  private isAppliedProjectObject(manifest: KubernetesObject): boolean {
    const key = this.projectObjectKey(manifest);
    return key !== null && this.appliedProjectObjects.get(key) === JSON.stringify(manifest);
  }

  /** Only after a successful apply: a failed one must be tried again. */
  private rememberProjectObject(manifest: KubernetesObject) {
    const key = this.projectObjectKey(manifest);
    if (key) this.appliedProjectObjects.set(key, JSON.stringify(manifest));
  }

  private async manifests(id: string): Promise<KubernetesObject[]> {
    const row = await this.deps.db.deployment.findUniqueOrThrow({
      where: { id },
      select: { spec: true, secretEnvCipher: true },
    });
    return await this.deps.build({ id, ...row });
  }

  // Writes read back only the id: the whole row would bring the spec's JSON back with every update.
  private updateRow(id: string, data: RowUpdate) {
    return this.deps.db.deployment.update({ where: { id }, data, select: ONLY_ID });
  }

  /** Changes the row and records why on its timeline, in one transaction. */
  private async transition(row: Row, data: RowUpdate, type: EventType, reason: string, message: string) {
    const event = this.deps.db.deploymentEvent.create({
      data: { deploymentId: row.id, type, reason, message },
      select: ONLY_ID,
    });
    await this.deps.db.$transaction([this.updateRow(row.id, data), event]);
  }

  /** The SKU's maximum runtime is over: from now on it is a stopped deployment (its volumes stay). */
  private async expire(row: Row): Promise<Row> {
    // Only if still meant to run: someone may have stopped or deleted it since this pass listed it.
    const expired = await this.deps.db.$transaction(async (tx) => {
      const { count } = await tx.deployment.updateMany({
        where: { id: row.id, desired: "RUNNING" },
        data: { desired: "STOPPED" },
      });
      if (count > 0) {
        const data = { deploymentId: row.id, type: "Normal", reason: "MaxRuntimeReached", message: "" };
        await tx.deploymentEvent.create({ data, select: ONLY_ID });
      }
      return count > 0;
    });
    return expired ? { ...row, desired: "STOPPED" } : row;
  }

  private async recordFailure(row: Row, error: unknown, now: Date) {
    const failures = row.failures + 1;
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(failures));
    const message = describeError(error);
    await this.transition(row, { failures, nextAttemptAt }, "Warning", "ReconcileFailed", message);
  }
}

function phaseReason(phase: string): string {
  return { running: "Running", pending: "Unschedulable", failed: "Failed", starting: "Starting" }[phase] ?? "Changed";
}
