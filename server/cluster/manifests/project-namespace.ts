import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { INetworkPolicySpec } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec";
import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { z } from "zod";
import { GPU_RESOURCE, migResource } from "./gpu";
import { LABEL, MANAGED_BY } from "./labels";
import { isDns1123Label, isDns1123Subdomain, namespaceFor } from "./names";
import { cpuQuantity, gibQuantity } from "./quantity";
import { type KubernetesObject, type ManifestMetadata, toObject } from "./types";
import { MIG_PROFILE, tenantSchema } from "./workload-spec";

const count = z.number().int().min(0).max(100_000);
const namespaceName = z.string().refine(isDns1123Label, { message: "namespace name" });

export const projectNamespaceSchema = z.strictObject({
  tenant: tenantSchema,
  quota: z
    .strictObject({
      /** Whole GPUs of any model: ResourceQuota cannot tell models apart, the portal enforces per-model quotas. */
      gpus: count.default(0),
      migProfiles: z.record(z.string().regex(MIG_PROFILE), count).default({}),
      /** Devices per DRA DeviceClass, e.g. { "gpu.nvidia.com": 8 }. */
      draDevices: z.record(z.string().refine(isDns1123Subdomain), count).default({}),
      resourceClaims: count.optional(),
      cpu: z.number().min(0).max(100_000).optional(),
      memoryGiB: z.number().min(0).max(1_000_000).optional(),
      persistentGiB: z.number().int().min(0).max(10_000_000).optional(),
    })
    .default({ gpus: 0, migProfiles: {}, draDevices: {} }),
  /** Per-container defaults for pods that set none (the builders always set their own). */
  containerDefaults: z
    .strictObject({
      cpuRequest: z.number().min(0.001),
      cpuLimit: z.number().min(0.001),
      memoryRequestGiB: z.number().min(1 / 64),
      memoryLimitGiB: z.number().min(1 / 64),
    })
    .default({ cpuRequest: 0.25, cpuLimit: 1, memoryRequestGiB: 0.5, memoryLimitGiB: 2 }),
  network: z
    .strictObject({
      /** Namespaces allowed in: ingress controller, SSH gateway, metering gateway, Prometheus. */
      ingressFrom: z.array(namespaceName).default(["ingress-nginx", "sshpiper", "portico", "monitoring"]),
      /** Platform namespaces pods may call (e.g. Dynamo's etcd/NATS). */
      egressTo: z.array(namespaceName).default([]),
      /** Public internet (model downloads, pip), never the cluster's private ranges or cloud metadata. */
      internetEgress: z.boolean().default(false),
    })
    .default({
      ingressFrom: ["ingress-nginx", "sshpiper", "portico", "monitoring"],
      egressTo: [],
      internetEgress: false,
    }),
});

export type ProjectNamespaceInput = z.input<typeof projectNamespaceSchema>;
type Project = z.output<typeof projectNamespaceSchema>;

/** Project objects carry org/project but no deployment id: the deployment GC must never touch them. */
function projectMeta(project: Project, name: string, namespaced = true): ManifestMetadata {
  return {
    name,
    ...(namespaced && { namespace: namespaceFor(project.tenant) }),
    labels: {
      [LABEL.managedBy]: MANAGED_BY,
      [LABEL.org]: project.tenant.orgSlug,
      [LABEL.project]: project.tenant.projectSlug,
      [LABEL.scope]: "project",
    },
  };
}

function namespace(project: Project): KubernetesObject {
  const meta = projectMeta(project, namespaceFor(project.tenant), false);
  return toObject<INamespace>({
    apiVersion: "v1",
    kind: "Namespace",
    // Baseline: dev pods run sshd as root, which "restricted" forbids; privileged containers stay out.
    metadata: { ...meta, labels: { ...meta.labels, "pod-security.kubernetes.io/enforce": "baseline" } },
  });
}

/**
 * Extended resources (GPUs, MIG slices) can only be quota'd under `requests.`: Kubernetes forbids
 * overcommitting them, so requests equal limits and a `limits.` entry would never be counted.
 */
export function quotaHard(quota: Project["quota"]): Record<string, string> {
  const hard: Record<string, string> = { [`requests.${GPU_RESOURCE}`]: String(quota.gpus) };
  for (const [profile, n] of Object.entries(quota.migProfiles)) hard[`requests.${migResource(profile)}`] = String(n);
  for (const [deviceClass, n] of Object.entries(quota.draDevices))
    hard[`${deviceClass}.deviceclass.resource.k8s.io/devices`] = String(n);
  if (quota.resourceClaims !== undefined) hard["count/resourceclaims.resource.k8s.io"] = String(quota.resourceClaims);
  if (quota.cpu !== undefined) hard["requests.cpu"] = cpuQuantity(quota.cpu);
  if (quota.memoryGiB !== undefined) hard["requests.memory"] = gibQuantity(quota.memoryGiB);
  if (quota.persistentGiB !== undefined) hard["requests.storage"] = `${quota.persistentGiB}Gi`;
  return Object.fromEntries(Object.entries(hard).sort(([a], [b]) => a.localeCompare(b)));
}

function resourceQuota(project: Project): KubernetesObject {
  return toObject<IResourceQuota>({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: projectMeta(project, "portico-quota"),
    spec: { hard: quotaHard(project.quota) },
  });
}

function limitRange(project: Project): KubernetesObject {
  const d = project.containerDefaults;
  return toObject<ILimitRange>({
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: projectMeta(project, "portico-defaults"),
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: cpuQuantity(d.cpuRequest), memory: gibQuantity(d.memoryRequestGiB) },
          default: { cpu: cpuQuantity(d.cpuLimit), memory: gibQuantity(d.memoryLimitGiB) },
        },
      ],
    },
  });
}

function policy(project: Project, name: string, spec: INetworkPolicySpec): KubernetesObject {
  return toObject<INetworkPolicy>({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: projectMeta(project, name),
    spec,
  });
}

function namespacesNamed(names: string[]) {
  // Every namespace carries this label (set by the API server), so no one has to label platform namespaces.
  return {
    namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "In", values: names }] },
  };
}

/** Cluster-internal and link-local ranges, including the cloud metadata endpoint (169.254.169.254). */
const PRIVATE_RANGES = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16"];

/** Default deny both ways, then one named policy per allowance (policies add up). */
function networkPolicies(project: Project): KubernetesObject[] {
  const { ingressFrom, egressTo, internetEgress } = project.network;
  const all = { podSelector: {} };
  return [
    policy(project, "portico-default-deny", { ...all, policyTypes: ["Ingress", "Egress"] }),
    policy(project, "portico-allow-dns", {
      ...all,
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ ...namespacesNamed(["kube-system"]), podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
          ports: [
            { protocol: "UDP", port: 53 },
            { protocol: "TCP", port: 53 },
          ],
        },
      ],
    }),
    // A project is one trust domain: its own pods talk to each other (e.g. Dynamo frontend → workers).
    policy(project, "portico-allow-same-namespace", {
      ...all,
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ from: [{ podSelector: {} }] }],
      egress: [{ to: [{ podSelector: {} }] }],
    }),
    ...(ingressFrom.length > 0
      ? [
          policy(project, "portico-allow-platform-ingress", {
            ...all,
            policyTypes: ["Ingress"],
            ingress: [{ from: [namespacesNamed(ingressFrom)] }],
          }),
        ]
      : []),
    ...(egressTo.length > 0
      ? [
          policy(project, "portico-allow-platform-egress", {
            ...all,
            policyTypes: ["Egress"],
            egress: [{ to: [namespacesNamed(egressTo)] }],
          }),
        ]
      : []),
    ...(internetEgress
      ? [
          policy(project, "portico-allow-internet-egress", {
            ...all,
            policyTypes: ["Egress"],
            egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: PRIVATE_RANGES } }] }],
          }),
        ]
      : []),
  ];
}

/** Namespace, quota, defaults and network isolation for one project. */
export function buildProjectNamespace(input: ProjectNamespaceInput): KubernetesObject[] {
  const project = projectNamespaceSchema.parse(input);
  return structuredClone([
    namespace(project),
    resourceQuota(project),
    limitRange(project),
    ...networkPolicies(project),
  ]);
}
