/**
 * pods/{name}/log. Nothing runs in the simulated containers, so the log is generated from the
 * container's recorded lifecycle, and every line says so ("[simulated] …").
 */
import type { ServerResponse } from "node:http";
import type { ApiServer } from "./apiserver.ts";
import type { Clock } from "./clock.ts";
import { R } from "./resources.ts";
import { errors } from "./status.ts";
import type { Obj } from "./store.ts";

export interface LogQuery {
  container?: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  sinceTime?: string;
}

const HEARTBEAT_MS = 10_000;
const MAX_LINES = 5_000;

interface Line {
  at: number;
  text: string;
}

function flavor(image: string, port: number | undefined): string[] {
  const i = image.toLowerCase();
  if (i.includes("vllm") || i.includes("dynamo") || i.includes("nim")) {
    return [
      `[simulated] model server ready: OpenAI-compatible API on 0.0.0.0:${port ?? 8000} ` +
        "(simulated engine, no GPU work is done)",
    ];
  }
  if (i.includes("jupyter"))
    return [`[simulated] Jupyter Server would be listening on http://0.0.0.0:${port ?? 8888}/lab`];
  if (i.includes("ssh") || i.includes("devpod") || i.includes("cuda"))
    return ["[simulated] sshd: Server listening on 0.0.0.0 port 22 (not reachable on the simulated cluster)"];
  return [];
}

function lifecycleLines(pod: Obj, container: Obj, startedAt: number, endedAt: number, exit?: Obj): Line[] {
  const image = String(container.image ?? "");
  const port = (container.ports ?? [])[0]?.containerPort as number | undefined;
  const head: Line[] = [
    {
      at: startedAt,
      text: "[simulated] Portico simulated cluster: no process runs in this container; these log lines are generated.",
    },
    {
      at: startedAt,
      text:
        `[simulated] container ${container.name} started from image ${image} ` +
        `on node ${String(pod.spec?.nodeName ?? "?")}`,
    },
  ];
  const cmd = [...((container.command ?? []) as string[]), ...((container.args ?? []) as string[])];
  if (cmd.length > 0) head.push({ at: startedAt, text: `[simulated] command: ${cmd.join(" ")}` });
  for (const f of flavor(image, port)) head.push({ at: startedAt, text: f });
  const beats = Math.max(0, Math.floor((endedAt - startedAt) / HEARTBEAT_MS));
  const first = Math.max(1, beats - MAX_LINES + 1);
  const lines = head;
  for (let n = first; n <= beats; n++) {
    lines.push({ at: startedAt + n * HEARTBEAT_MS, text: `[simulated] heartbeat: up ${(n * HEARTBEAT_MS) / 1000}s` });
  }
  if (exit) {
    const detail = exit.message ? `: ${String(exit.message)}` : "";
    lines.push({
      at: endedAt,
      text: `[simulated] container exited with code ${String(exit.exitCode)} (${String(exit.reason)}${detail})`,
    });
  }
  return lines;
}

function formatLine(l: Line, timestamps: boolean): string {
  if (!timestamps) return `${l.text}\n`;
  const ts = new Date(l.at).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
  return `${ts} ${l.text}\n`;
}

function selectContainer(pod: Obj, requested: string | undefined): Obj {
  const containers = [...((pod.spec?.containers ?? []) as Obj[]), ...((pod.spec?.initContainers ?? []) as Obj[])];
  const name = pod.metadata.name as string;
  if (!requested) {
    const main = (pod.spec?.containers ?? []) as Obj[];
    if (main.length === 1) return main[0]!;
    throw errors.badRequest(
      `a container name must be specified for pod ${name}, choose one of: [${main.map((c) => c.name).join(" ")}]`,
    );
  }
  const c = containers.find((x) => x.name === requested);
  if (!c) throw errors.badRequest(`container ${requested} is not valid for pod ${name}`);
  return c;
}

function statusOf(pod: Obj, container: string): Obj | undefined {
  return [
    ...((pod.status?.containerStatuses ?? []) as Obj[]),
    ...((pod.status?.initContainerStatuses ?? []) as Obj[]),
  ].find((s) => s.name === container);
}

/** Builds the log text for a request, or throws the real 400s. */
function buildLog(pod: Obj, q: LogQuery, nowMs: number): { lines: Line[]; live: boolean } {
  const container = selectContainer(pod, q.container);
  const name = pod.metadata.name as string;
  const st = statusOf(pod, container.name);
  let lines: Line[];
  let live = false;
  if (q.previous) {
    const t = st?.lastState?.terminated;
    if (!t) throw errors.badRequest(`previous terminated container "${container.name}" in pod "${name}" not found`);
    lines = lifecycleLines(pod, container, Date.parse(t.startedAt), Date.parse(t.finishedAt), t);
  } else if (st?.state?.running) {
    lines = lifecycleLines(pod, container, Date.parse(st.state.running.startedAt), nowMs);
    live = true;
  } else if (st?.state?.terminated) {
    const t = st.state.terminated;
    lines = lifecycleLines(pod, container, Date.parse(t.startedAt), Date.parse(t.finishedAt), t);
  } else if (st?.state?.waiting) {
    const reason = st.state.waiting.reason as string;
    if (reason === "CrashLoopBackOff" && st.lastState?.terminated) {
      const t = st.lastState.terminated;
      lines = lifecycleLines(pod, container, Date.parse(t.startedAt), Date.parse(t.finishedAt), t);
    } else {
      const why =
        reason === "ErrImagePull" || reason === "ImagePullBackOff" ? "trying and failing to pull image" : reason;
      throw errors.badRequest(`container "${container.name}" in pod "${name}" is waiting to start: ${why}`);
    }
  } else if (!pod.spec?.nodeName) {
    throw errors.badRequest(`pod ${name} does not have a host assigned`);
  } else {
    throw errors.badRequest(`container "${container.name}" in pod "${name}" is waiting to start: ContainerCreating`);
  }
  const since = q.sinceTime
    ? Date.parse(q.sinceTime)
    : q.sinceSeconds !== undefined
      ? nowMs - q.sinceSeconds * 1000
      : undefined;
  if (since !== undefined && !Number.isNaN(since)) lines = lines.filter((l) => l.at >= since);
  if (q.tailLines !== undefined) lines = q.tailLines === 0 ? [] : lines.slice(-q.tailLines);
  return { lines, live };
}

export function serveLog(
  api: ApiServer,
  clock: Clock,
  namespace: string,
  name: string,
  q: LogQuery,
  res: ServerResponse,
) {
  const pod = api.get(R.pods, namespace, name);
  const { lines, live } = buildLog(pod, q, clock.now());
  let budget = q.limitBytes ?? Number.POSITIVE_INFINITY;
  const writeLine = (l: Line): boolean => {
    const s = formatLine(l, q.timestamps);
    if (budget <= 0) return false;
    const chunk = Buffer.byteLength(s) > budget ? Buffer.from(s).subarray(0, budget) : Buffer.from(s);
    budget -= chunk.length;
    res.write(chunk);
    return budget > 0;
  };
  res.writeHead(200, { "Content-Type": "text/plain", "Cache-Control": "no-cache, private" });
  res.flushHeaders();
  for (const l of lines) if (!writeLine(l)) break;
  if (!q.follow || !live || budget <= 0) {
    res.end();
    return;
  }
  // follow=true: keep the stream open and add a heartbeat line as (simulated) time passes.
  const container = selectContainer(pod, q.container);
  let last = lines.length > 0 ? lines[lines.length - 1]!.at : clock.now();
  let timer = clock.setTimeout(tick, HEARTBEAT_MS);
  const startedAt = Date.parse(
    statusOf(pod, container.name)?.state?.running?.startedAt ?? new Date(clock.now()).toISOString(),
  );
  function tick() {
    const current = api.store.get(R.pods, namespace, name);
    const st = current ? statusOf(current, container.name) : undefined;
    if (!current || current.metadata.uid !== pod.metadata.uid || !st?.state?.running) {
      res.end();
      return;
    }
    const now = clock.now();
    const uptime = Math.floor((now - startedAt) / HEARTBEAT_MS) * HEARTBEAT_MS;
    if (startedAt + uptime > last) {
      last = startedAt + uptime;
      if (!writeLine({ at: last, text: `[simulated] heartbeat: up ${uptime / 1000}s` })) {
        res.end();
        return;
      }
    }
    timer = clock.setTimeout(tick, HEARTBEAT_MS);
  }
  res.on("close", () => clock.clearTimeout(timer));
}
