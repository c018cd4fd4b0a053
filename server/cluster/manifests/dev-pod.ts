import type { IStatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import type { ISecret } from "kubernetes-models/v1/Secret";
import type { IService } from "kubernetes-models/v1/Service";
import type { IVolume } from "kubernetes-models/v1/Volume";
import type { IVolumeMount } from "kubernetes-models/v1/VolumeMount";
import type { IPipe } from "../crds/generated/sshpiper.com/v1beta1/Pipe";
import { buildGpuClaimTemplate } from "./gpu";
import { identityLabels, objectMeta, selectorLabels, workloadMeta, workloadName, workloadNamespace } from "./labels";
import { podTemplate, userPorts } from "./pod";
import { base64, gibQuantity } from "./quantity";
import { type KubernetesObject, toObject } from "./types";
import { SSHD_PORT, type WorkloadSpec } from "./workload-spec";

/** Secret (in every project namespace) holding the gateway's upstream private key; the controller copies it there. */
export const SSH_GATEWAY_KEY_SECRET = "portico-ssh-gateway";
const DEV_POD_USER = "root";
const KEYS_DIR = "/etc/portico/ssh";
const WORKSPACE_VOLUME = "workspace";

/**
 * Dev-pod images bring OpenSSH; this starts it on 2222 with the keys from the Secret. The keys are copied
 * because sshd's StrictModes rejects the Secret volume's symlinked, root-group files.
 */
const SSHD_BOOTSTRAP = [
  "set -eu",
  "mkdir -p /run/sshd /root/.ssh && chmod 700 /root/.ssh",
  `install -m 600 ${KEYS_DIR}/authorized_keys /root/.ssh/authorized_keys`,
  "ssh-keygen -A",
  `exec /usr/sbin/sshd -D -e -p ${SSHD_PORT} -o PasswordAuthentication=no -o PermitRootLogin=prohibit-password`,
].join("\n");

/** What users type: `ssh <username>@<gateway>`. Globally unique because it embeds the deployment id. */
export function sshUsernameFor(spec: WorkloadSpec): string {
  return workloadName(spec);
}

function authorizedKeys(spec: WorkloadSpec): string {
  const ssh = spec.access.ssh;
  const keys = [...(ssh?.authorizedKeys ?? []), ...(ssh?.gatewayPublicKey ? [ssh.gatewayPublicKey] : [])];
  return `${keys.join("\n")}\n`;
}

function keysSecret(spec: WorkloadSpec): KubernetesObject {
  return toObject<ISecret>({
    apiVersion: "v1",
    kind: "Secret",
    metadata: objectMeta(spec, `${workloadName(spec)}-ssh`),
    type: "Opaque",
    data: { authorized_keys: base64(authorizedKeys(spec)) },
  });
}

function headlessService(spec: WorkloadSpec): KubernetesObject {
  return toObject<IService>({
    apiVersion: "v1",
    kind: "Service",
    metadata: objectMeta(spec, workloadName(spec)),
    spec: {
      clusterIP: "None",
      selector: selectorLabels(spec),
      ports: [
        { name: "ssh", port: SSHD_PORT },
        ...spec.ports.map((p) => ({ name: p.name, port: p.containerPort })),
      ].map((p) => ({ ...p, targetPort: p.name, protocol: "TCP" })),
    },
  });
}

function statefulSet(spec: WorkloadSpec): KubernetesObject {
  const name = workloadName(spec);
  const volumes: IVolume[] = [
    { name: "ssh-keys", secret: { secretName: `${name}-ssh`, defaultMode: 0o400 } },
    // PyTorch data loaders share tensors through /dev/shm; the runtime's default 64 MiB is far too small.
    { name: "dshm", emptyDir: { medium: "Memory" } },
  ];
  const volumeMounts: IVolumeMount[] = [
    { name: "ssh-keys", mountPath: KEYS_DIR, readOnly: true },
    { name: "dshm", mountPath: "/dev/shm" },
    ...(spec.storage ? [{ name: WORKSPACE_VOLUME, mountPath: spec.storage.mountPath }] : []),
  ];
  const template = podTemplate(spec, {
    containerName: "dev",
    command: spec.command ?? ["/bin/sh", "-c", SSHD_BOOTSTRAP],
    ...(spec.command && spec.args && { args: spec.args }),
    ports: [{ name: "ssh", containerPort: SSHD_PORT, protocol: "TCP" }, ...userPorts(spec)],
    volumes,
    volumeMounts,
    probes: { readinessProbe: { tcpSocket: { port: "ssh" }, periodSeconds: 5 } },
  });
  return toObject<IStatefulSet>({
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: workloadMeta(spec, name),
    spec: {
      serviceName: name,
      replicas: 1,
      selector: { matchLabels: selectorLabels(spec) },
      template,
      // Stopping removes the StatefulSet but keeps the workspace volume for a restart; deleting
      // the dev pod removes its volumes explicitly (the controller deletes them by label).
      persistentVolumeClaimRetentionPolicy: { whenDeleted: "Retain", whenScaled: "Retain" },
      ...(spec.storage && {
        volumeClaimTemplates: [
          {
            // Template labels land on the PVC, so the controller's garbage collector can see its owner.
            metadata: { name: WORKSPACE_VOLUME, labels: identityLabels(spec) },
            spec: {
              accessModes: ["ReadWriteOnce"],
              ...(spec.storage.storageClass && { storageClassName: spec.storage.storageClass }),
              resources: { requests: { storage: gibQuantity(spec.storage.persistentGiB) } },
            },
          },
        ],
      }),
    },
  });
}

/** The gateway route: `<username>@gateway` → this pod's sshd, authenticated by the user's keys. */
function sshPipe(spec: WorkloadSpec): KubernetesObject {
  const name = workloadName(spec);
  return toObject<IPipe>({
    apiVersion: "sshpiper.com/v1beta1",
    kind: "Pipe",
    metadata: objectMeta(spec, name),
    spec: {
      from: [
        {
          username: sshUsernameFor(spec),
          authorized_keys_data: base64(`${(spec.access.ssh?.authorizedKeys ?? []).join("\n")}\n`),
        },
      ],
      to: {
        host: `${name}.${workloadNamespace(spec)}.svc:${SSHD_PORT}`,
        username: DEV_POD_USER,
        private_key_secret: { name: SSH_GATEWAY_KEY_SECRET },
        // Pods regenerate host keys on every start; the hop stays inside the cluster network.
        ignore_hostkey: true,
      },
    },
  });
}

export function buildDevPod(spec: WorkloadSpec): KubernetesObject[] {
  return [keysSecret(spec), ...buildGpuClaimTemplate(spec), headlessService(spec), statefulSet(spec), sshPipe(spec)];
}
