import type { KubernetesObject, V1Pod } from "@kubernetes/client-node";

// What the controller reads from its caches, and nothing more: identity and labels for every
// object, and for pods the conditions and container states that say how they are doing.
const metadataOf = (object: KubernetesObject) => ({
  name: object.metadata?.name,
  namespace: object.metadata?.namespace,
  uid: object.metadata?.uid,
  resourceVersion: object.metadata?.resourceVersion,
  labels: object.metadata?.labels,
});

export const slimWorkload = (object: KubernetesObject): KubernetesObject => ({ apiVersion: object.apiVersion, kind: object.kind, metadata: metadataOf(object) });

export const slimPod = (pod: V1Pod): V1Pod => ({
  apiVersion: pod.apiVersion,
  kind: pod.kind,
  metadata: metadataOf(pod),
  status: {
    phase: pod.status?.phase,
    conditions: pod.status?.conditions?.map(({ type, status, reason, message }) => ({ type, status, reason, message })),
    containerStatuses: pod.status?.containerStatuses?.map(({ name, ready, restartCount, image, imageID, state }) => ({
      name,
      ready,
      restartCount,
      image,
      imageID,
      state: state?.waiting ? { waiting: { reason: state.waiting.reason, message: state.waiting.message } } : state,
    })),
  },
});
