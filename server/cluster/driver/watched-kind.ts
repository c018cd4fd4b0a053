import { makeInformer, type Informer, type KubeConfig, type KubernetesObject, type ListPromise, type ObjectCache } from "@kubernetes/client-node";

type Options<T extends KubernetesObject> = {
  kubeConfig: KubeConfig;
  /** The list path, e.g. "/apis/apps/v1/deployments" (all namespaces). */
  path: string;
  list: ListPromise<T>;
  labelSelector?: string;
  onChange?: (object: T) => void;
  onError?: (error: unknown) => void;
  /** Delay before restarting after a dropped watch or an error. */
  restartDelayMs?: number;
};

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
    this.informer = makeInformer(options.kubeConfig, options.path, options.list, options.labelSelector);
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
