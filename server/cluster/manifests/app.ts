import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IDeploymentStrategy } from "kubernetes-models/apps/v1/DeploymentStrategy";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import type { IPersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import type { IPodTemplateSpec } from "kubernetes-models/v1/PodTemplateSpec";
import type { IService } from "kubernetes-models/v1/Service";
import { buildGpuClaimTemplate } from "./gpu";
import { objectMeta, selectorLabels, workloadMeta, workloadName } from "./labels";
import { podTemplate, userPorts } from "./pod";
import { gibQuantity } from "./quantity";
import { type KubernetesObject, toObject } from "./types";
import type { WorkloadSpec } from "./workload-spec";

const INGRESS_CLASS = "nginx";
const DATA_VOLUME = "data";

/**
 * A ReadWriteOnce volume cannot be attached to the old and new pod at once, and a surge pod needs GPUs
 * nobody reserved: both cases replace pods instead of surging.
 */
function rolloutStrategy(spec: WorkloadSpec): IDeploymentStrategy {
  if (spec.storage) return { type: "Recreate" };
  if (spec.compute.gpu.mode !== "none")
    return { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
  return { type: "RollingUpdate" };
}

export function deploymentFor(spec: WorkloadSpec, template: IPodTemplateSpec, replicas?: number): KubernetesObject {
  return toObject<IDeployment>({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: workloadMeta(spec, workloadName(spec)),
    spec: {
      // Left out when an HPA owns the count, so each apply does not reset what the HPA chose.
      ...(replicas !== undefined && { replicas }),
      selector: { matchLabels: selectorLabels(spec) },
      strategy: rolloutStrategy(spec),
      template,
    },
  });
}

export function clusterIpService(spec: WorkloadSpec, ports: { name: string; port: number }[]): KubernetesObject {
  return toObject<IService>({
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta(spec, workloadName(spec)),
    spec: {
      type: "ClusterIP",
      selector: selectorLabels(spec),
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.name, protocol: "TCP" })),
    },
  });
}

function dataClaim(spec: WorkloadSpec): KubernetesObject[] {
  if (!spec.storage) return [];
  return [
    toObject<IPersistentVolumeClaim>({
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: objectMeta(spec, `${workloadName(spec)}-${DATA_VOLUME}`),
      spec: {
        accessModes: ["ReadWriteOnce"],
        ...(spec.storage.storageClass && { storageClassName: spec.storage.storageClass }),
        resources: { requests: { storage: gibQuantity(spec.storage.persistentGiB) } },
      },
    }),
  ];
}

/** The port the browser reaches: the one marked `ui`, else the first. */
export function uiPort(spec: WorkloadSpec): { name: string; containerPort: number } | undefined {
  return spec.ports.find((p) => p.ui) ?? spec.ports[0];
}

function ingress(spec: WorkloadSpec): KubernetesObject[] {
  const https = spec.access.https;
  const port = uiPort(spec);
  if (!https || !port) return [];
  const name = workloadName(spec);
  return [
    toObject<IIngress>({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: objectMeta(spec, name, {
        annotations: {
          // Notebook kernels and app websockets stay open for long; uploads can be large.
          "nginx.ingress.kubernetes.io/proxy-read-timeout": "3600",
          "nginx.ingress.kubernetes.io/proxy-send-timeout": "3600",
          "nginx.ingress.kubernetes.io/proxy-body-size": "0",
          ...(https.clusterIssuer && { "cert-manager.io/cluster-issuer": https.clusterIssuer }),
        },
      }),
      spec: {
        ingressClassName: INGRESS_CLASS,
        tls: [{ hosts: [https.hostname], secretName: https.tlsSecretName ?? `${name}-tls` }],
        rules: [
          {
            host: https.hostname,
            http: {
              paths: [{ path: "/", pathType: "Prefix", backend: { service: { name, port: { name: port.name } } } }],
            },
          },
        ],
      },
    }),
  ];
}

export function buildApp(spec: WorkloadSpec): KubernetesObject[] {
  const ui = uiPort(spec);
  const template = podTemplate(spec, {
    containerName: "app",
    // Any image, so no HTTP path to trust: "accepting connections on the UI port" is what "up" means.
    ...(ui && { probes: { readinessProbe: { tcpSocket: { port: ui.name }, periodSeconds: 5 } } }),
    ...(spec.command && { command: spec.command }),
    ...(spec.args && { args: spec.args }),
    ports: userPorts(spec),
    ...(spec.storage && {
      volumes: [{ name: DATA_VOLUME, persistentVolumeClaim: { claimName: `${workloadName(spec)}-${DATA_VOLUME}` } }],
      volumeMounts: [{ name: DATA_VOLUME, mountPath: spec.storage.mountPath }],
    }),
  });
  const service =
    spec.ports.length > 0
      ? [
          clusterIpService(
            spec,
            spec.ports.map((p) => ({ name: p.name, port: p.containerPort })),
          ),
        ]
      : [];
  return [
    ...dataClaim(spec),
    ...buildGpuClaimTemplate(spec),
    deploymentFor(spec, template, 1),
    ...service,
    ...ingress(spec),
  ];
}
