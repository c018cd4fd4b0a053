/**
 * Service and Ingress status: LoadBalancer Services and Ingresses get an address after a short
 * delay (there is no real load balancer: the address is marked as simulated by its range).
 */
import { R, type ResourceType } from "../resources.ts";
import type { StoreEvent } from "../store.ts";
import { objKey, splitKey, type SimContext } from "../context.ts";
import { WorkQueue } from "../workqueue.ts";

export class NetworkingController {
  private readonly services: WorkQueue;
  private readonly ingresses: WorkQueue;
  private readonly unsubscribe: () => void;
  private ingressIp: string | undefined;

  constructor(private readonly ctx: SimContext) {
    this.services = new WorkQueue("service-lb", ctx.clock, (k) => this.reconcileService(k), ctx.onError);
    this.ingresses = new WorkQueue("ingress", ctx.clock, (k) => this.reconcileIngress(k), ctx.onError);
    this.unsubscribe = ctx.store.subscribe((ev: StoreEvent) => {
      if (ev.type === "DELETED") {
        if (ev.rt.key === R.services.key) for (const p of (ev.object.spec?.ports ?? []) as { nodePort?: number }[]) if (p.nodePort) ctx.ipam.releaseNodePort(p.nodePort);
        return;
      }
      const key = objKey(ev.object.metadata.namespace, ev.object.metadata.name);
      if (ev.rt.key === R.services.key && ev.object.spec?.type === "LoadBalancer" && !ev.object.status?.loadBalancer?.ingress) {
        this.services.addAfter(key, ctx.delays.loadBalancerMs);
      }
      if (ev.rt.key === R.ingresses.key && !ev.object.status?.loadBalancer?.ingress) this.ingresses.addAfter(key, ctx.delays.loadBalancerMs);
    });
  }

  close() {
    this.unsubscribe();
    this.services.close();
    this.ingresses.close();
  }

  private set(rt: ResourceType, key: string, ip: string) {
    const [ns, name] = splitKey(key);
    this.ctx.api.internalUpdate(rt, ns, name, (o) => {
      if (o.status?.loadBalancer?.ingress) return false;
      o.status = { ...(o.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } };
    });
  }

  private reconcileService(key: string) {
    const [ns, name] = splitKey(key);
    const svc = this.ctx.store.get(R.services, ns, name);
    if (!svc || svc.spec?.type !== "LoadBalancer" || svc.status?.loadBalancer?.ingress) return;
    this.set(R.services, key, this.ctx.ipam.loadBalancerIp());
    this.ctx.recorder.record(R.services, svc, "Normal", "EnsuredLoadBalancer", "Ensured load balancer (simulated)", { component: "service-controller" });
  }

  private reconcileIngress(key: string) {
    const [ns, name] = splitKey(key);
    const ing = this.ctx.store.get(R.ingresses, ns, name);
    if (!ing || ing.status?.loadBalancer?.ingress) return;
    this.ingressIp ??= this.ctx.ipam.loadBalancerIp();
    this.set(R.ingresses, key, this.ingressIp);
    this.ctx.recorder.record(R.ingresses, ing, "Normal", "Sync", "Scheduled for sync (simulated ingress controller)", { component: "nginx-ingress-controller" });
  }
}
