import type { KubernetesObject, V1ContainerStatus, V1Pod, V1PodCondition } from "@kubernetes/client-node";
import { DEPLOYMENT_LABEL } from "../driver/labels";
import type { KindRef } from "./managed-kinds";
import { cannotStart, isReady, isUnschedulable } from "./observe";

// What the controller reads from its caches, and nothing more, so that 10,000 deployments'
// objects cost megabytes: for every object its identity and deployment label; for pods, only
// the conditions and container states observePods acts on (a running pod keeps one condition).

const metadataOf = (object: KubernetesObject) => {
  const deployment = object.metadata?.labels?.[DEPLOYMENT_LABEL];
  return {
    name: object.metadata?.name,
    namespace: object.metadata?.namespace,
    // The informer resumes its watch from the version of the last object it saw.
    resourceVersion: object.metadata?.resourceVersion,
    labels: deployment === undefined ? undefined : { [DEPLOYMENT_LABEL]: deployment },
  };
};

/**
 * The apiVersion and kind are the watched kind's: list items come without them, and the
 * controller deletes by them.
 */
export const slimWorkload = (object: KubernetesObject, ref: KindRef): KubernetesObject => ({
  apiVersion: ref.apiVersion,
  kind: ref.kind,
  metadata: metadataOf(object),
});

const slimCondition = ({ type, status, reason, message }: V1PodCondition): V1PodCondition => ({
  type,
  status,
  reason,
  message,
});

const slimContainer = (status: V1ContainerStatus): V1ContainerStatus => {
  const { name, ready, restartCount, image, imageID, state } = status;
  return { name, ready, restartCount, image, imageID, state: { waiting: { ...state?.waiting } } };
};

/** Undefined rather than an empty array: most pods have none to keep. */
function kept<T>(items: T[] | undefined, keep: (item: T) => boolean, slim: (item: T) => T): T[] | undefined {
  const chosen = items?.filter(keep);
  return chosen?.length ? chosen.map(slim) : undefined;
}

export const slimPod = (pod: V1Pod): V1Pod => ({
  metadata: metadataOf(pod),
  status: {
    conditions: kept(pod.status?.conditions, (c) => isReady(c) || isUnschedulable(c), slimCondition),
    containerStatuses: kept(pod.status?.containerStatuses, cannotStart, slimContainer),
  },
});
