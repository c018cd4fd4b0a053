import type { z } from "zod";
import { addFieldIssue } from "@/lib/validation/field-errors";

/** Rules that span fields of a SKU spec; each failure names the field an author has to change. */

type Named = { name: string };
type RuleInput = {
  kind: "dev-pod" | "app" | "model";
  basics: { tags: string[] };
  container: {
    ports: (Named & { containerPort: number; ui: boolean })[];
    env: Named[];
    volumes: (Named & { mountPath: string; source: "persistent" | "scratch" })[];
  };
  compute: { gpu: { mode: string; model?: string; profile?: string }; persistentGiB?: number };
  policies: { maxPerUser?: number; maxPerOrg?: number };
  pricing: { basis: string; perGpuHourByModel?: Record<string, number> };
  model?: { replicas: { min: number; max: number } };
};

/** Paths the platform mounts itself. */
const RESERVED_MOUNT_PATHS = ["/dev/shm", "/etc/portico"];
/** sshd listens here inside dev pods; users' ports may not take it (manifests use the same constant). */
export const SSHD_PORT = 2222;

function flagDuplicates<T>(
  items: T[],
  keyOf: (item: T) => unknown,
  path: (index: number) => (string | number)[],
  ctx: z.RefinementCtx,
) {
  const seen = new Set<unknown>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (seen.has(key)) addFieldIssue(ctx, path(index), "duplicate");
    seen.add(key);
  });
}

function checkPorts(spec: RuleInput, ctx: z.RefinementCtx) {
  const { ports } = spec.container;
  flagDuplicates(
    ports,
    (p) => p.name,
    (i) => ["container", "ports", i, "name"],
    ctx,
  );
  flagDuplicates(
    ports,
    (p) => p.containerPort,
    (i) => ["container", "ports", i, "containerPort"],
    ctx,
  );
  const uiPorts = ports.filter((p) => p.ui).length;
  // An app's HTTPS link must lead somewhere; nothing else needs a UI port, but one is all a link can open.
  if (spec.kind === "app" && uiPorts === 0) addFieldIssue(ctx, ["container", "ports"], "uiPortRequired");
  if (uiPorts > 1) addFieldIssue(ctx, ["container", "ports"], "uiPortOnlyOne");
  if (spec.kind === "dev-pod") {
    ports.forEach((p, i) => {
      if (p.containerPort === SSHD_PORT || p.name === "ssh")
        addFieldIssue(ctx, ["container", "ports", i], "reservedPort", { port: SSHD_PORT });
    });
  }
}

function checkStorage(spec: RuleInput, ctx: z.RefinementCtx) {
  const { volumes } = spec.container;
  flagDuplicates(
    volumes,
    (v) => v.name,
    (i) => ["container", "volumes", i, "name"],
    ctx,
  );
  flagDuplicates(
    volumes,
    (v) => v.mountPath,
    (i) => ["container", "volumes", i, "mountPath"],
    ctx,
  );
  volumes.forEach((v, i) => {
    if (RESERVED_MOUNT_PATHS.some((p) => v.mountPath === p || v.mountPath.startsWith(`${p}/`))) {
      addFieldIssue(ctx, ["container", "volumes", i, "mountPath"], "reservedPath");
    }
  });
  const persistent = volumes.filter((v) => v.source === "persistent").length;
  const size = spec.compute.persistentGiB;
  if (spec.kind === "model") {
    // Replicas cannot share one volume; model servers keep their cache on ephemeral storage.
    if (size !== undefined) addFieldIssue(ctx, ["compute", "persistentGiB"], "notForModels");
    if (persistent > 0) addFieldIssue(ctx, ["container", "volumes"], "notForModels");
    return;
  }
  if (persistent > 1) addFieldIssue(ctx, ["container", "volumes"], "onePersistentVolume");
  // Either would bill for storage nobody can use, or mount a volume of no size.
  if (persistent > 0 && size === undefined)
    addFieldIssue(ctx, ["compute", "persistentGiB"], "persistentVolumeWithoutSize");
  if (persistent === 0 && size !== undefined)
    addFieldIssue(ctx, ["container", "volumes"], "persistentSizeWithoutVolume");
}

/** The price key of the spec's GPU, or of its MIG slice when that has a price of its own. */
export function gpuPriceKeys(gpu: RuleInput["compute"]["gpu"]): string[] {
  if (gpu.mode === "none" || !gpu.model) return [];
  return gpu.mode === "mig" ? [`${gpu.model}:${gpu.profile}`, gpu.model] : [gpu.model];
}

function checkPricing(spec: RuleInput, ctx: z.RefinementCtx) {
  const { pricing, compute } = spec;
  if (pricing.basis !== "perDimension") return;
  const keys = gpuPriceKeys(compute.gpu);
  // Reported on the GPU model, the field a user may have changed at launch, rather than on the price table.
  if (keys.length > 0 && !keys.some((key) => key in (pricing.perGpuHourByModel ?? {}))) {
    addFieldIssue(ctx, ["compute", "gpu", "model"], "gpuModelNotPriced", { model: compute.gpu.model ?? "" });
  }
}

export function checkSpecRules(spec: RuleInput, ctx: z.RefinementCtx): void {
  checkPorts(spec, ctx);
  flagDuplicates(
    spec.basics.tags,
    (tag) => tag,
    (i) => ["basics", "tags", i],
    ctx,
  );
  flagDuplicates(
    spec.container.env,
    (e) => e.name,
    (i) => ["container", "env", i, "name"],
    ctx,
  );
  checkStorage(spec, ctx);
  checkPricing(spec, ctx);
  const { maxPerUser, maxPerOrg } = spec.policies;
  if (maxPerUser !== undefined && maxPerOrg !== undefined && maxPerUser > maxPerOrg) {
    addFieldIssue(ctx, ["policies", "maxPerUser"], "tooBig", { limit: maxPerOrg });
  }
  const replicas = spec.model?.replicas;
  if (replicas && replicas.max < replicas.min)
    addFieldIssue(ctx, ["model", "replicas", "max"], "tooSmall", { limit: replicas.min });
}
