/**
 * Fault injection for tests and demos: failed or slow API requests, dropped watch streams, images
 * that cannot be pulled and containers that crash-loop.
 */

export interface RequestInfo {
  method: string;
  /** URL path without the query string. */
  path: string;
  query: URLSearchParams;
}

export interface RequestMatch {
  method?: string;
  /** A substring of the path, or a pattern tested against it. */
  path?: string | RegExp;
  /** Only watch requests (true) or only non-watch requests (false). */
  watch?: boolean;
  predicate?: (req: RequestInfo) => boolean;
}

export interface FailOptions {
  /** HTTP status to answer with (a real-shaped Status body goes with it). */
  status: number;
  /** How many matching requests fail (default 1). */
  count?: number;
  match?: RequestMatch;
  message?: string;
  /**
   * Process the request, then answer with the error anyway: the write happened but the client
   * thinks it failed (a timeout after commit).
   */
  afterCommit?: boolean;
}

interface FailRule extends FailOptions {
  remaining: number;
}

interface DelayRule {
  ms: number;
  remaining: number;
  match?: RequestMatch;
}

interface ImageRule {
  pattern: RegExp;
  glob: string;
  message?: string;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

function matches(m: RequestMatch | undefined, req: RequestInfo): boolean {
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== req.method.toUpperCase()) return false;
  if (m.path !== undefined) {
    if (typeof m.path === "string" ? !req.path.includes(m.path) : !m.path.test(req.path)) return false;
  }
  if (m.watch !== undefined) {
    const w = req.query.get("watch");
    const isWatch = w === "true" || w === "1" || req.path.includes("/watch/");
    if (isWatch !== m.watch) return false;
  }
  if (m.predicate && !m.predicate(req)) return false;
  return true;
}

export class FaultInjector {
  private failures: FailRule[] = [];
  private delays: DelayRule[] = [];
  private pullErrors: ImageRule[] = [];
  private crashers: ImageRule[] = [];

  constructor(private readonly dropWatchStreams: (graceful: boolean) => number) {}

  /** The next `count` matching requests fail with `status`. Returns a function that cancels. */
  failNext(opts: FailOptions): () => void {
    const rule: FailRule = { ...opts, remaining: opts.count ?? 1 };
    this.failures.push(rule);
    return () => {
      this.failures = this.failures.filter((r) => r !== rule);
    };
  }

  /** The next `count` matching requests are answered `ms` later (client timeouts, slow API). */
  delayNext(ms: number, count = 1, match?: RequestMatch): () => void {
    const rule: DelayRule = { ms, remaining: count, match };
    this.delays.push(rule);
    return () => {
      this.delays = this.delays.filter((r) => r !== rule);
    };
  }

  /**
   * Closes every open watch stream. By default the connection is broken (clients see an error,
   * as when an apiserver restarts); `graceful` ends the streams cleanly instead.
   */
  dropWatches(opts: { graceful?: boolean } = {}): number {
    return this.dropWatchStreams(Boolean(opts.graceful));
  }

  /** Pulls of images matching the glob fail: ErrImagePull, then ImagePullBackOff. */
  imagePullError(imageGlob: string, opts: { message?: string } = {}): () => void {
    const rule: ImageRule = { pattern: globToRegExp(imageGlob), glob: imageGlob, message: opts.message };
    this.pullErrors.push(rule);
    return () => {
      this.pullErrors = this.pullErrors.filter((r) => r !== rule);
    };
  }

  /** Containers running images matching the glob exit with code 1 soon after starting. */
  crashLoop(imageGlob: string): () => void {
    const rule: ImageRule = { pattern: globToRegExp(imageGlob), glob: imageGlob };
    this.crashers.push(rule);
    return () => {
      this.crashers = this.crashers.filter((r) => r !== rule);
    };
  }

  clear() {
    this.failures = [];
    this.delays = [];
    this.pullErrors = [];
    this.crashers = [];
  }

  // ---- used by the server ------------------------------------------------------------------

  takeFailure(req: RequestInfo): FailRule | undefined {
    const rule = this.failures.find((r) => r.remaining > 0 && matches(r.match, req));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.failures = this.failures.filter((r) => r !== rule);
    return rule;
  }

  takeDelay(req: RequestInfo): number {
    const rule = this.delays.find((r) => r.remaining > 0 && matches(r.match, req));
    if (!rule) return 0;
    rule.remaining--;
    if (rule.remaining <= 0) this.delays = this.delays.filter((r) => r !== rule);
    return rule.ms;
  }

  pullError(image: string): ImageRule | undefined {
    return this.pullErrors.find((r) => r.pattern.test(image));
  }

  crashes(image: string): boolean {
    return this.crashers.some((r) => r.pattern.test(image));
  }
}
