import { PassThrough } from "node:stream";
import {
  CoreV1Api,
  type CoreV1Event,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  KubernetesObjectApi,
  Log,
  PatchStrategy,
  VersionApi,
} from "@kubernetes/client-node";
import { type ClusterCapacity, computeCapacity } from "./capacity";
import { FIELD_MANAGER } from "./labels";

export type ObjectRef = { apiVersion: string; kind: string; name: string; namespace?: string };
export type ListOptions = { namespace?: string; labelSelector?: string };
/** Which page of a list to read: at most `limit` objects, after `continueToken`. */
export type ListPageRequest = { limit?: number; continueToken?: string };

/** Objects per list page: a list of 10,000 pods is read, and held whole, 500 at a time. */
export const LIST_PAGE_SIZE = 500;

/** A call the API server did not answer in time. Safe to retry: every write is idempotent. */
export class ApiTimeoutError extends Error {
  constructor(
    readonly operation: string,
    readonly ms: number,
  ) {
    super(`${operation}: no answer from the Kubernetes API within ${ms} ms`);
    this.name = "ApiTimeoutError";
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The one way Portico talks to a Kubernetes cluster, over the official client. The same code
 * drives real clusters and the simulated one.
 */
export class ClusterDriver {
  private readonly objects: KubernetesObjectApi;
  private readonly core: CoreV1Api;

  constructor(
    readonly kubeConfig: KubeConfig,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {
    this.objects = KubernetesObjectApi.makeApiClient(kubeConfig);
    this.core = kubeConfig.makeApiClient(CoreV1Api);
  }

  /** A hung API server must not hang a reconcile pass: every call gets a deadline. */
  private withDeadline<T>(operation: string, call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ApiTimeoutError(operation, this.timeoutMs)), this.timeoutMs);
    });
    return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
  }

  /** Server-side apply, in order, as field manager "portico"; takes ownership of conflicting fields. */
  async apply(manifests: KubernetesObject[]): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    for (const manifest of manifests) {
      const call = this.objects.patch(
        manifest,
        undefined,
        undefined,
        FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
      applied.push(await this.withDeadline(`apply ${manifest.kind}/${manifest.metadata?.name}`, call));
    }
    return applied;
  }

  /** Deletes with foreground propagation, so dependents go first; absent objects are not an error. */
  async delete(ref: ObjectRef, propagation: "Foreground" | "Background" = "Foreground"): Promise<void> {
    try {
      const call = this.objects.delete(
        { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, namespace: ref.namespace } },
        undefined,
        undefined,
        undefined,
        undefined,
        propagation,
      );
      await this.withDeadline(`delete ${ref.kind}/${ref.name}`, call);
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async list<T extends KubernetesObject>(apiVersion: string, kind: string, options: ListOptions = {}): Promise<T[]> {
    const items: T[] = [];
    let continueToken: string | undefined;
    do {
      const page = await this.listPage<T>(apiVersion, kind, { ...options, continueToken });
      items.push(...page.items);
      continueToken = page.metadata?._continue || undefined;
    } while (continueToken);
    return items;
  }

  /** One page of a list, with the snapshot's resourceVersion and, while more follow, the continue token. */
  async listPage<T extends KubernetesObject>(
    apiVersion: string,
    kind: string,
    options: ListOptions & ListPageRequest = {},
  ): Promise<KubernetesListObject<T>> {
    const { namespace, labelSelector, limit = LIST_PAGE_SIZE, continueToken } = options;
    // The four undefined: pretty, exact, export and field selector.
    const call = this.objects.list<T>(
      apiVersion,
      kind,
      namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      labelSelector,
      limit,
      continueToken,
    );
    return await this.withDeadline(`list ${kind}`, call);
  }

  async capacity(): Promise<ClusterCapacity> {
    const [nodes, pods] = await this.withDeadline(
      "capacity",
      Promise.all([
        this.core.listNode(),
        this.core.listPodForAllNamespaces({ fieldSelector: "status.phase!=Succeeded,status.phase!=Failed" }),
      ]),
    );
    return computeCapacity(nodes.items, pods.items);
  }

  async events(namespace: string, involvedName: string): Promise<CoreV1Event[]> {
    const list = await this.withDeadline(
      "events",
      this.core.listNamespacedEvent({ namespace, fieldSelector: `involvedObject.name=${involvedName}` }),
    );
    return list.items;
  }

  /** The last lines of a container's log. */
  async logs(namespace: string, pod: string, container: string, tailLines = 200): Promise<string> {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    await new Promise<void>((resolve, reject) => {
      stream.on("end", resolve);
      new Log(this.kubeConfig).log(namespace, pod, container, stream, { tailLines, follow: false }).catch(reject);
    });
    return Buffer.concat(chunks).toString("utf8");
  }

  /** Reachability and version; never throws. */
  async health(): Promise<{ healthy: boolean; message: string }> {
    try {
      const version = await this.withDeadline("version", this.kubeConfig.makeApiClient(VersionApi).getCode());
      return { healthy: true, message: version.gitVersion };
    } catch (error) {
      return { healthy: false, message: describeError(error) };
    }
  }
}

/** The HTTP status of a failed API call (client-node's ApiException), if any. */
export function statusOf(error: unknown): number | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "number"
    ? error.code
    : undefined;
}

/** A short, secret-free description of a failed API call: the Status message when there is one. */
export function describeError(error: unknown): string {
  if (typeof error === "object" && error !== null && "body" in error && typeof error.body === "string") {
    try {
      const status = JSON.parse(error.body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      // not JSON: fall through
    }
  }
  return error instanceof Error ? error.message.split("\n")[0]! : "unknown error";
}
