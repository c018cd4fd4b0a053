/**
 * core/v1 Events, as kubelet, scheduler and controllers record them: repeated events are
 * aggregated (count, lastTimestamp), old ones expire after an hour like kube-apiserver's TTL.
 */
import type { ApiServer } from "./apiserver.ts";
import { rfc3339 } from "./clock.ts";
import { R, type ResourceType } from "./resources.ts";
import type { Obj } from "./store.ts";

export interface EventSource {
  component: string;
  host?: string;
}

export class EventRecorder {
  private readonly byKey = new Map<string, { namespace: string; name: string }>();
  private readonly fifo: { at: number; namespace: string; name: string; key: string }[] = [];
  private seq = 0;

  constructor(
    private readonly api: ApiServer,
    private readonly ttlMs = 60 * 60 * 1000,
  ) {}

  record(
    rt: ResourceType,
    involved: Obj,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    source: EventSource,
    fieldPath?: string,
  ) {
    const nowMs = this.api.clock.now();
    this.expire(nowMs);
    const namespace = (rt.namespaced ? involved.metadata?.namespace : "default") ?? "default";
    const ns = this.api.store.get(R.namespaces, "", namespace);
    if (!ns || ns.metadata.deletionTimestamp) return;
    const key = [
      involved.metadata?.uid,
      type,
      reason,
      message,
      source.component,
      source.host ?? "",
      fieldPath ?? "",
    ].join("\u0000");
    const now = rfc3339(nowMs);
    const existing = this.byKey.get(key);
    if (existing) {
      const updated = this.api.internalUpdate(
        R.events,
        existing.namespace,
        existing.name,
        (e) => {
          e.count = (e.count ?? 1) + 1;
          e.lastTimestamp = now;
        },
        "shallow",
      );
      if (updated) return;
      this.byKey.delete(key);
    }
    // Like "<name>.<UnixNano in hex>": milliseconds plus a sequence keep names unique.
    const nanos = BigInt(nowMs) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const name = `${String(involved.metadata?.name ?? "unknown")}.${nanos.toString(16)}`;
    const event: Obj = {
      apiVersion: "v1",
      kind: "Event",
      metadata: { name, namespace },
      involvedObject: {
        kind: rt.kind,
        ...(rt.namespaced ? { namespace: involved.metadata?.namespace } : {}),
        name: involved.metadata?.name,
        uid: involved.metadata?.uid,
        apiVersion: rt.apiVersion,
        resourceVersion: involved.metadata?.resourceVersion,
        ...(fieldPath ? { fieldPath } : {}),
      },
      reason,
      message,
      source: { component: source.component, ...(source.host ? { host: source.host } : {}) },
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
      type,
      reportingComponent: source.component,
      reportingInstance: source.host ?? source.component,
    };
    try {
      this.api.create(R.events, namespace, event, { internal: true });
      this.byKey.set(key, { namespace, name });
      this.fifo.push({ at: nowMs, namespace, name, key });
    } catch {
      // Like the real recorder: events are best effort.
    }
  }

  private expire(nowMs: number) {
    while (this.fifo.length > 0 && nowMs - this.fifo[0]!.at > this.ttlMs) {
      const e = this.fifo.shift()!;
      const current = this.byKey.get(e.key);
      if (current && current.name === e.name) this.byKey.delete(e.key);
      this.api.store.remove(R.events, e.namespace, e.name);
    }
  }
}
