/** Address allocation: Service ClusterIPs (10.96.0.0/12), NodePorts, LoadBalancer and pod IPs. */

import { getOrInsert } from "./maps.ts";

export class Ipam {
  private nextService = 10; // 10.96.0.1 is the kubernetes Service; leave a little room
  private readonly nodePorts = new Set<number>();
  private nextLb = 1;
  private readonly podIps = new Map<string, { next: number; free: number[] }>();

  serviceIp(): string {
    const n = this.nextService++;
    return `10.${96 + ((n >> 16) & 0x0f)}.${(n >> 8) & 0xff}.${n & 0xff}`;
  }

  nodePort(): number {
    for (let i = 0; i < 2768; i++) {
      const p = 30000 + Math.floor(Math.random() * 2768);
      if (!this.nodePorts.has(p)) {
        this.nodePorts.add(p);
        return p;
      }
    }
    throw new Error("range is full: no NodePort available");
  }

  reserveNodePort(p: number): boolean {
    if (this.nodePorts.has(p)) return false;
    this.nodePorts.add(p);
    return true;
  }

  releaseNodePort(p: number) {
    this.nodePorts.delete(p);
  }

  loadBalancerIp(): string {
    const n = this.nextLb++;
    return `172.30.${(n >> 8) & 0xff}.${n & 0xff}`;
  }

  /** A pod IP inside the node's podCIDR (a /24). */
  podIp(podCidr: string | undefined): string | undefined {
    if (!podCidr) return undefined;
    const base = podCidr.split("/")[0]!.split(".").slice(0, 3).join(".");
    const pool = getOrInsert(this.podIps, base, () => ({ next: 2, free: [] }));
    const host = pool.free.pop() ?? (pool.next <= 254 ? pool.next++ : undefined);
    return host === undefined ? undefined : `${base}.${host}`;
  }

  releasePodIp(ip: string | undefined) {
    if (!ip) return;
    const parts = ip.split(".");
    const pool = this.podIps.get(parts.slice(0, 3).join("."));
    if (pool) pool.free.push(Number(parts[3]));
  }
}
