import {
  type Informer,
  type KubeConfig,
  type KubernetesListObject,
  type KubernetesObject,
  type ListPromise,
  ListWatch,
  type ObjectCache,
  Watch,
} from "@kubernetes/client-node";
import { LIST_PAGE_SIZE } from "./driver";

/** Keeps only what the cache's users read, so 10,000 objects cost megabytes, not hundreds. */
export type Slim<T extends KubernetesObject> = (object: T) => T;

/** One page of the list; a lister that ignores the request returns everything in one page. */
export type ListPage<T extends KubernetesObject> = (page: {
  limit: number;
  continueToken?: string;
}) => Promise<KubernetesListObject<T>>;

/** A watch whose events carry slimmed objects. */
class SlimWatch<T extends KubernetesObject> extends Watch {
  constructor(
    kubeConfig: KubeConfig,
    private readonly slim: Slim<T>,
  ) {
    super(kubeConfig);
  }

  override watch(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, object: T, raw?: unknown) => void,
    done: (error: unknown) => void,
  ) {
    return super.watch(
      path,
      query,
      (phase, object: T, raw) =>
        callback(phase, phase === "ERROR" || phase === "BOOKMARK" ? object : this.slim(object), raw),
      done,
    );
  }
}

type Options<T extends KubernetesObject> = {
  kubeConfig: KubeConfig;
  /** The list path, e.g. "/apis/apps/v1/deployments" (all namespaces). */
  path: string;
  list: ListPage<T>;
  labelSelector?: string;
  onChange?: (object: T) => void;
  onError?: (error: unknown) => void;
  /** Trims each object before it is cached (default: keep it whole). */
  slim?: Slim<T>;
  /** Delay before restarting after a dropped watch or an error. */
  restartDelayMs?: number;
};

/**
 * The whole list, page by page, each page slimmed before the next is read: the typed objects of
 * one page are garbage before the next arrives.
 */
async function listSlimmed<T extends KubernetesObject>(
  listPage: ListPage<T>,
  slim: Slim<T>,
): Promise<KubernetesListObject<T>> {
  const items: T[] = [];
  let continueToken: string | undefined;
  let page: KubernetesListObject<T>;
  do {
    page = await listPage({ limit: LIST_PAGE_SIZE, continueToken });
    for (const item of page.items) items.push(slim(item));
    continueToken = page.metadata?._continue || undefined;
  } while (continueToken);
  // Every page carries the snapshot's resourceVersion, from which the watch then resumes.
  return {
    apiVersion: page.apiVersion,
    kind: page.kind,
    metadata: { resourceVersion: page.metadata?.resourceVersion },
    items,
  };
}

/**
 * A cache of one kind of object kept current by a watch. client-node's informer stops when its
 * watch fails (and the API server drops watches every few minutes): this restarts it, unless
 * it was stopped on purpose.
 */
export class WatchedKind<T extends KubernetesObject> {
  private readonly informer: Informer<T> & ObjectCache<T>;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | undefined;
  private started: Promise<void> | undefined;

  constructor(private readonly options: Options<T>) {
    const slim = options.slim ?? ((object: T) => object);
    const list: ListPromise<T> = () => listSlimmed(options.list, slim);
    this.informer = new ListWatch<T>(
      options.path,
      new SlimWatch(options.kubeConfig, slim),
      list,
      false,
      options.labelSelector,
    );
    const changed = (object: T) => options.onChange?.(object);
    this.informer.on("add", changed);
    this.informer.on("update", changed);
    this.informer.on("delete", changed);
    this.informer.on("error", (error) => {
      options.onError?.(error);
      this.scheduleRestart();
    });
  }

  start(): Promise<void> {
    this.stopped = false;
    this.started ??= this.informer.start();
    return this.started;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    await this.informer.stop();
  }

  list(namespace?: string): readonly T[] {
    return this.informer.list(namespace);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.informer.get(name, namespace);
  }

  private scheduleRestart() {
    if (this.stopped) return;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.informer.start().catch((error: unknown) => {
        this.options.onError?.(error);
        this.scheduleRestart();
      });
    }, this.options.restartDelayMs ?? 1_000);
  }
}
