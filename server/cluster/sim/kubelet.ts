/**
 * Kubelet simulation for every node: sandbox and pod IP, image pulls (cached per node), container
 * create/start, readiness, init containers, restarts with CrashLoopBackOff, ErrImagePull →
 * ImagePullBackOff, graceful termination — with the events and status fields real kubelets write.
 */
import { createHash } from "node:crypto";
import type { ClockTimer } from "./clock.ts";
import { rfc3339 } from "./clock.ts";
import { objKey, type SimContext, setCondition, splitKey } from "./context.ts";
import { R } from "./resources.ts";
import type { Obj, StoreEvent } from "./store.ts";

interface Run {
  key: string;
  uid: string;
  node: string;
  timers: Set<ClockTimer>;
  terminating: boolean;
  pullFailures: Map<string, number>;
}

const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

function normalizeImage(image: string): string {
  let ref = image;
  const firstSlash = ref.indexOf("/");
  const first = firstSlash >= 0 ? ref.slice(0, firstSlash) : "";
  const hasRegistry = firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (!hasRegistry) ref = `docker.io/${firstSlash >= 0 ? "" : "library/"}${ref}`;
  const last = ref.slice(ref.lastIndexOf("/") + 1);
  if (!last.includes(":") && !last.includes("@")) ref += ":latest";
  return ref;
}

function digest(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

function imageSize(image: string): number {
  // Deterministic, plausible sizes: 100 MB … 12 GB (GPU images are big).
  const h = parseInt(digest(image).slice(0, 8), 16);
  return 100_000_000 + (h % 12_000_000_000);
}

function humanSeconds(ms: number): string {
  const s = ms / 1000;
  return s >= 1 ? `${Number(s.toFixed(3))}s` : `${Math.round(ms)}ms`;
}

export class Kubelets {
  private readonly runs = new Map<string, Run>();
  private readonly imageCache = new Map<string, Set<string>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly ctx: SimContext) {
    this.unsubscribe = ctx.store.subscribe((ev) => this.onEvent(ev));
  }

  close() {
    this.unsubscribe();
    for (const run of this.runs.values()) for (const t of run.timers) this.ctx.clock.clearTimeout(t);
    this.runs.clear();
  }

  private onEvent(ev: StoreEvent) {
    if (ev.rt.key !== R.pods.key) return;
    const pod = ev.object;
    const key = objKey(pod.metadata.namespace, pod.metadata.name);
    if (ev.type === "DELETED") {
      const run = this.runs.get(key);
      if (run && run.uid === pod.metadata.uid) this.stop(key);
      this.ctx.ipam.releasePodIp(pod.status?.podIP);
      return;
    }
    const nodeName = pod.spec?.nodeName as string | undefined;
    if (!nodeName) return;
    let run = this.runs.get(key);
    if (run && run.uid !== pod.metadata.uid) {
      this.stop(key);
      run = undefined;
    }
    if (!run) {
      if (["Succeeded", "Failed"].includes(pod.status?.phase) || pod.metadata.deletionTimestamp) return;
      if (!this.ctx.store.get(R.nodes, "", nodeName)) return; // no kubelet on a node that does not exist
      run = {
        key,
        uid: pod.metadata.uid,
        node: nodeName,
        timers: new Set(),
        terminating: false,
        pullFailures: new Map(),
      };
      this.runs.set(key, run);
      const r = run;
      setImmediate(() => this.start(key, r));
    }
    if (pod.metadata.deletionTimestamp && !run.terminating) {
      run.terminating = true;
      const r = run;
      setImmediate(() => this.terminate(key, r));
    }
  }

  private stop(key: string) {
    const run = this.runs.get(key);
    if (!run) return;
    for (const t of run.timers) this.ctx.clock.clearTimeout(t);
    this.runs.delete(key);
  }

  private after(run: Run, ms: number, fn: () => void) {
    const t = this.ctx.clock.setTimeout(() => {
      run.timers.delete(t);
      if (this.runs.get(run.key) !== run) return;
      try {
        fn();
      } catch (err) {
        this.ctx.onError("kubelet", run.uid, err);
      }
    }, ms);
    run.timers.add(t);
  }

  private pod(key: string, run: Run): Obj | undefined {
    const [ns, name] = splitKey(key);
    const p = this.ctx.store.get(R.pods, ns, name);
    return p && p.metadata.uid === run.uid ? p : undefined;
  }

  private event(
    pod: Obj,
    type: "Normal" | "Warning",
    reason: string,
    message: string,
    container?: string,
    init = false,
  ) {
    const fieldPath = container ? `spec.${init ? "initContainers" : "containers"}{${container}}` : undefined;
    this.ctx.recorder.record(
      R.pods,
      pod,
      type,
      reason,
      message,
      { component: "kubelet", host: pod.spec.nodeName },
      fieldPath,
    );
  }

  /** Applies `fn` to the pod's status, then recomputes conditions and phase. */
  private update(key: string, run: Run, fn: (status: Obj, pod: Obj) => void): Obj | undefined {
    const [ns, name] = splitKey(key);
    return this.ctx.api.internalUpdate(
      R.pods,
      ns,
      name,
      (o) => {
        if (o.metadata.uid !== run.uid) return false;
        o.status ??= {};
        fn(o.status, o);
        this.recompute(o);
      },
      "shallow",
    );
  }

  private recompute(o: Obj) {
    const now = this.ctx.clock.now();
    const s = o.status;
    const inits = (s.initContainerStatuses ?? []) as Obj[];
    const mains = (s.containerStatuses ?? []) as Obj[];
    const conditions = [...((s.conditions ?? []) as Obj[])];
    const initialized = inits.every((c) => c.state?.terminated?.exitCode === 0);
    const unready = mains.filter((c) => !c.ready).map((c) => c.name);
    const incomplete = inits.filter((c) => c.state?.terminated?.exitCode !== 0).map((c) => c.name);
    const terminal = s.phase === "Succeeded" || s.phase === "Failed";
    const order = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"];
    setCondition(
      conditions,
      { type: "PodReadyToStartContainers", status: s.podIP && !terminal ? "True" : "False" },
      now,
      { probe: true },
    );
    setCondition(
      conditions,
      initialized
        ? { type: "Initialized", status: "True" }
        : {
            type: "Initialized",
            status: "False",
            reason: "ContainersNotInitialized",
            message: `containers with incomplete status: [${incomplete.join(" ")}]`,
          },
      now,
      { probe: true },
    );
    const readyCond = (type: string) =>
      unready.length === 0 && !terminal
        ? { type, status: "True" }
        : terminal
          ? { type, status: "False", reason: "PodCompleted" }
          : {
              type,
              status: "False",
              reason: "ContainersNotReady",
              message: `containers with unready status: [${unready.join(" ")}]`,
            };
    setCondition(conditions, readyCond("Ready"), now, { probe: true });
    setCondition(conditions, readyCond("ContainersReady"), now, { probe: true });
    conditions.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
    s.conditions = conditions;
    if (!terminal) {
      const started = mains.some((c) => c.state?.running || c.restartCount > 0 || c.state?.terminated);
      s.phase = initialized && started ? "Running" : "Pending";
    }
  }

  private start(key: string, run: Run) {
    const pod = this.pod(key, run);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const node = this.ctx.store.get(R.nodes, "", run.node);
    const hostIP = ((node?.status?.addresses ?? []) as Obj[]).find((a) => a.type === "InternalIP")?.address;
    const now = rfc3339(this.ctx.clock.now());
    const initContainers = (pod.spec.initContainers ?? []) as Obj[];
    this.update(key, run, (s) => {
      if (hostIP) {
        s.hostIP = hostIP;
        s.hostIPs = [{ ip: hostIP }];
      }
      s.startTime ??= now;
      const waiting = (c: Obj, reason: string) => ({
        name: c.name,
        image: c.image,
        imageID: "",
        state: { waiting: { reason } },
        lastState: {},
        ready: false,
        restartCount: 0,
        started: false,
      });
      if (initContainers.length) s.initContainerStatuses = initContainers.map((c) => waiting(c, "PodInitializing"));
      s.containerStatuses = ((pod.spec.containers ?? []) as Obj[]).map((c) =>
        waiting(c, initContainers.length ? "PodInitializing" : "ContainerCreating"),
      );
    });
    // The sandbox comes up and gets its IP.
    this.after(run, Math.min(200, this.ctx.delays.startMs), () => {
      const p = this.pod(key, run);
      if (!p) return;
      const ip = this.ctx.ipam.podIp(node?.spec?.podCIDR);
      this.update(key, run, (s) => {
        if (ip) {
          s.podIP = ip;
          s.podIPs = [{ ip }];
        }
        for (const c of (s.initContainerStatuses ?? []).slice(0, 1) as Obj[])
          c.state = { waiting: { reason: "ContainerCreating" } };
      });
      if (initContainers.length) this.runContainer(key, run, initContainers[0]!, true, 0);
      else for (const c of (p.spec.containers ?? []) as Obj[]) this.runContainer(key, run, c, false, 0);
    });
  }

  /** Pull (unless cached), create, start; then complete (init), become ready, or crash. */
  private runContainer(key: string, run: Run, c: Obj, init: boolean, attempt: number) {
    const pod = this.pod(key, run);
    if (!pod || pod.metadata.deletionTimestamp) return;
    const image = String(c.image);
    const cache = this.imageCache.get(run.node) ?? new Set<string>();
    this.imageCache.set(run.node, cache);
    const cached = cache.has(image) && c.imagePullPolicy !== "Always";
    const created = () => this.created(key, run, c, init, attempt);
    if (cached) {
      this.event(pod, "Normal", "Pulled", `Container image "${image}" already present on machine`, c.name, init);
      created();
      return;
    }
    this.event(pod, "Normal", "Pulling", `Pulling image "${image}"`, c.name, init);
    const pullMs = this.ctx.delays.imagePullMs;
    this.after(run, pullMs, () => {
      const p = this.pod(key, run);
      if (!p) return;
      const fault = this.ctx.faults.pullError(image);
      if (fault) {
        const ref = normalizeImage(image);
        const message =
          fault.message ??
          `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": ` +
            `failed to resolve reference "${ref}": ${ref}: not found`;
        const failures = (run.pullFailures.get(c.name) ?? 0) + 1;
        run.pullFailures.set(c.name, failures);
        this.event(p, "Warning", "Failed", `Failed to pull image "${image}": ${message}`, c.name, init);
        this.event(p, "Warning", "Failed", "Error: ErrImagePull", c.name, init);
        this.setState(key, run, c.name, init, (cs) => {
          cs.state = { waiting: { reason: "ErrImagePull", message } };
        });
        const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1));
        this.after(run, Math.min(1000, backoff / 2), () => {
          const p2 = this.pod(key, run);
          if (!p2) return;
          this.event(p2, "Normal", "BackOff", `Back-off pulling image "${image}"`, c.name, init);
          this.event(p2, "Warning", "Failed", "Error: ImagePullBackOff", c.name, init);
          this.setState(key, run, c.name, init, (cs) => {
            cs.state = {
              waiting: {
                reason: "ImagePullBackOff",
                message: `Back-off pulling image "${image}": ErrImagePull: ${message}`,
              },
            };
          });
          this.after(run, backoff, () => this.runContainer(key, run, c, init, attempt));
        });
        return;
      }
      cache.add(image);
      run.pullFailures.delete(c.name);
      const size = imageSize(image);
      const took = humanSeconds(pullMs);
      this.event(
        p,
        "Normal",
        "Pulled",
        `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${size} bytes.`,
        c.name,
        init,
      );
      created();
    });
  }

  private created(key: string, run: Run, c: Obj, init: boolean, attempt: number) {
    const pod = this.pod(key, run);
    if (!pod) return;
    const image = String(c.image);
    const containerID = `containerd://${digest(`${run.uid}/${c.name}/${attempt}`)}`;
    const imageID = `${normalizeImage(image).replace(/:[^:/@]+$/, "")}@sha256:${digest(normalizeImage(image))}`;
    this.event(pod, "Normal", "Created", `Created container: ${c.name}`, c.name, init);
    this.event(pod, "Normal", "Started", `Started container ${c.name}`, c.name, init);
    const startedAt = rfc3339(this.ctx.clock.now());
    this.setState(key, run, c.name, init, (cs) => {
      cs.state = { running: { startedAt } };
      cs.containerID = containerID;
      cs.imageID = imageID;
      cs.started = !c.startupProbe;
      cs.ready = false;
    });
    const crash = !init && this.ctx.faults.crashes(image);
    this.after(run, this.ctx.delays.startMs, () => {
      const p = this.pod(key, run);
      if (!p) return;
      if (init) {
        this.setState(key, run, c.name, true, (cs) => {
          cs.state = {
            terminated: {
              exitCode: 0,
              reason: "Completed",
              startedAt,
              finishedAt: rfc3339(this.ctx.clock.now()),
              containerID,
            },
          };
          cs.ready = true;
          cs.started = false;
        });
        const inits = (p.spec.initContainers ?? []) as Obj[];
        const next = inits[inits.findIndex((x) => x.name === c.name) + 1];
        if (next) this.runContainer(key, run, next, true, 0);
        else {
          this.update(key, run, (s) => {
            for (const cs of (s.containerStatuses ?? []) as Obj[])
              cs.state = { waiting: { reason: "ContainerCreating" } };
          });
          for (const mc of (p.spec.containers ?? []) as Obj[]) this.runContainer(key, run, mc, false, 0);
        }
        return;
      }
      if (crash) {
        this.crash(key, run, c, startedAt, containerID, attempt);
        return;
      }
      this.setState(key, run, c.name, false, (cs) => {
        cs.ready = true;
        cs.started = true;
      });
    });
  }

  private crash(key: string, run: Run, c: Obj, startedAt: string, containerID: string, attempt: number) {
    const pod = this.pod(key, run);
    if (!pod) return;
    const finishedAt = rfc3339(this.ctx.clock.now());
    const terminated = {
      exitCode: 1,
      reason: "Error",
      message: "simulated crash injected by the fault injector",
      startedAt,
      finishedAt,
      containerID,
    };
    const policy = pod.spec.restartPolicy ?? "Always";
    if (policy === "Never") {
      this.update(key, run, (s) => {
        const cs = ((s.containerStatuses ?? []) as Obj[]).find((x) => x.name === c.name);
        if (cs) {
          cs.state = { terminated };
          cs.ready = false;
          cs.started = false;
        }
        const all = ((s.containerStatuses ?? []) as Obj[]).every((x) => x.state?.terminated);
        if (all) s.phase = "Failed";
      });
      return;
    }
    const restarts = attempt + 1;
    const backoff = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (restarts - 1));
    // How kubelet names a pod in its messages: name_namespace(uid).
    const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
    this.setState(key, run, c.name, false, (cs) => {
      cs.lastState = { terminated };
      cs.restartCount = restarts;
      cs.ready = false;
      cs.started = false;
      cs.state = {
        waiting: {
          reason: "CrashLoopBackOff",
          message: `back-off ${backoff / 1000}s restarting failed container=${c.name} pod=${podRef}`,
        },
      };
    });
    this.event(pod, "Warning", "BackOff", `Back-off restarting failed container ${c.name} in pod ${podRef}`, c.name);
    this.after(run, backoff, () => this.runContainer(key, run, c, false, restarts));
  }

  private setState(key: string, run: Run, name: string, init: boolean, fn: (cs: Obj) => void) {
    this.update(key, run, (s) => {
      const list = (init ? s.initContainerStatuses : s.containerStatuses) as Obj[] | undefined;
      const cs = list?.find((x) => x.name === name);
      if (cs) fn(cs);
    });
  }

  private terminate(key: string, run: Run) {
    const pod = this.pod(key, run);
    if (!pod) return;
    for (const t of run.timers) this.ctx.clock.clearTimeout(t);
    run.timers.clear();
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000;
    for (const cs of (pod.status?.containerStatuses ?? []) as Obj[]) {
      if (cs.state?.running) this.event(pod, "Normal", "Killing", `Stopping container ${cs.name}`, cs.name);
    }
    this.after(run, Math.min(grace, this.ctx.delays.terminateMs), () => {
      const finishedAt = rfc3339(this.ctx.clock.now());
      const [ns, name] = splitKey(key);
      this.ctx.api.internalUpdate(
        R.pods,
        ns,
        name,
        (o) => {
          if (o.metadata.uid !== run.uid) return false;
          for (const cs of (o.status?.containerStatuses ?? []) as Obj[]) {
            if (cs.state?.running) {
              cs.state = {
                terminated: {
                  exitCode: 0,
                  reason: "Completed",
                  startedAt: cs.state.running.startedAt,
                  finishedAt,
                  containerID: cs.containerID,
                },
              };
            } else if (cs.state?.waiting) {
              cs.state = {
                terminated: {
                  exitCode: 0,
                  reason: "ContainerStatusUnknown",
                  message: "The container could not be located when the pod was terminated",
                  finishedAt,
                },
              };
            }
            cs.ready = false;
            cs.started = false;
          }
          o.metadata.deletionGracePeriodSeconds = 0;
        },
        "shallow",
      );
      this.stop(key);
    });
  }
}
