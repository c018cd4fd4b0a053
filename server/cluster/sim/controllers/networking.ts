/**
 * Service and Ingress status: LoadBalancer Services and Ingresses get an address after a short
 * delay (there is no real load balancer: the address is marked as simulated by its range).
 */

import { splitKey } from "../context.ts";
import { R, type ResourceType } from "../resources.ts";
import type { Obj, StoreEvent } from "../store.ts";
import { Controller, keyOf } from "./controller.ts";

const SERVICE_CONTROLLER = { component: "service-controller" };
const INGRESS_CONTROLLER = { component: "nginx-ingress-controller" };

const hasAddress = (o: Obj) => Boolean(o.status?.loadBalancer?.ingress);

export class NetworkingController extends Controller {
  private readonly services = this.workQueue("service-lb", (k) => this.reconcileService(k));
  private readonly ingresses = this.workQueue("ingress", (k) => this.reconcileIngress(k));
  private ingressIp: string | undefined;

  protected onEvent(ev: StoreEvent) {
    if (ev.type === "DELETED") {
      if (ev.rt.key === R.services.key) this.releaseNodePorts(ev.object);
      return;
    }
    const delay = this.ctx.delays.loadBalancerMs;
    if (ev.rt.key === R.services.key && ev.object.spec?.type === "LoadBalancer" && !hasAddress(ev.object)) {
      this.services.addAfter(keyOf(ev.object), delay);
    }
    if (ev.rt.key === R.ingresses.key && !hasAddress(ev.object)) {
      this.ingresses.addAfter(keyOf(ev.object), delay);
    }
  }

  private releaseNodePorts(svc: Obj) {
    for (const p of (svc.spec?.ports ?? []) as { nodePort?: number }[]) {
      if (p.nodePort) this.ctx.ipam.releaseNodePort(p.nodePort);
    }
  }

  private set(rt: ResourceType, key: string, ip: string) {
    const [ns, name] = splitKey(key);
    this.ctx.api.internalUpdate(rt, ns, name, (o) => {
      if (hasAddress(o)) return false;
      o.status = { ...(o.status ?? {}), loadBalancer: { ingress: [{ ip, ipMode: "VIP" }] } };
    });
  }

  private reconcileService(key: string) {
    const [ns, name] = splitKey(key);
    const svc = this.ctx.store.get(R.services, ns, name);
    if (svc?.spec?.type !== "LoadBalancer" || hasAddress(svc)) return;
    this.set(R.services, key, this.ctx.ipam.loadBalancerIp());
    const message = "Ensured load balancer (simulated)";
    this.ctx.recorder.record(R.services, svc, "Normal", "EnsuredLoadBalancer", message, SERVICE_CONTROLLER);
  }

  private reconcileIngress(key: string) {
    const [ns, name] = splitKey(key);
    const ing = this.ctx.store.get(R.ingresses, ns, name);
    if (!ing || hasAddress(ing)) return;
    this.ingressIp ??= this.ctx.ipam.loadBalancerIp();
    this.set(R.ingresses, key, this.ingressIp);
    const message = "Scheduled for sync (simulated ingress controller)";
    this.ctx.recorder.record(R.ingresses, ing, "Normal", "Sync", message, INGRESS_CONTROLLER);
  }
}
