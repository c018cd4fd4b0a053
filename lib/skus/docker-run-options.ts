import type { FieldError, ValidationKey } from "@/lib/errors";
import { ENV_NAME } from "./spec-fields";

/**
 * What each `docker run` option does to the SKU being drafted. Options that have no place in a SKU (restart
 * policies, host networking, log drivers…) are recognised so their values are not mistaken for the image,
 * and listed back as ignored; anything unknown is an error rather than a guess.
 */

export type DockerRunDraft = {
  name?: string;
  entrypoint?: string;
  /** Container ports, in the order given: the first is taken as the web UI. */
  ports: number[];
  env: Map<string, { value: string; secret: boolean }>;
  volumes: { source: "persistent" | "scratch"; mountPath: string; volumeName?: string }[];
  cpu?: number;
  memoryGiB?: number;
  gpuCount?: number;
  ignored: string[];
};

type Apply = (value: string, draft: DockerRunDraft) => FieldError | undefined;

const bad = (key: ValidationKey, value: string): FieldError => ({ key, values: { value } });

function containerPort(spec: string): number | undefined {
  return /^\d{1,5}$/.test(spec) && Number(spec) >= 1 && Number(spec) <= 65_535 ? Number(spec) : undefined;
}

/** [ip:][hostPort:]containerPort[/tcp]; the host side does not exist for a SKU, only the container's port. */
const publish: Apply = (value, draft) => {
  const [mapping = "", protocol = "tcp"] = value.split("/");
  const port = protocol === "tcp" ? containerPort(mapping.slice(mapping.lastIndexOf(":") + 1)) : undefined;
  if (port === undefined) return bad("dockerRunPort", value);
  if (!draft.ports.includes(port)) draft.ports.push(port);
  return undefined;
};

/** Variables passed from the caller's shell, or that look like credentials, become secrets with no value. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL)/i;
const SHELL_REFERENCE = /^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?-[^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$/;

const env: Apply = (value, draft) => {
  const equals = value.indexOf("=");
  const name = equals < 0 ? value : value.slice(0, equals);
  if (!ENV_NAME.test(name)) return bad("dockerRunEnv", name);
  const given = equals < 0 ? undefined : value.slice(equals + 1);
  const fromShell = given === undefined || SHELL_REFERENCE.test(given);
  draft.env.set(name, { value: fromShell ? "" : given, secret: fromShell || SECRET_NAME.test(name) });
  return undefined;
};

/** Comma-separated fields where a double-quoted field may hold commas: `"device=0,1",capabilities=utility`. */
function csvFields(value: string): string[] {
  return [...value.matchAll(/"([^"]*)"|([^,]+)/g)].map((m) => m[1] ?? m[2]!);
}

const gpus: Apply = (value, draft) => {
  let count: number | undefined;
  for (const field of csvFields(value)) {
    const [key, setting = ""] = field.includes("=")
      ? [field.slice(0, field.indexOf("=")), field.slice(field.indexOf("=") + 1)]
      : ["count", field];
    // "all" means every GPU of the machine it ran on; one is the honest default, the admin sets the count.
    if (key === "count") count = setting === "all" ? 1 : /^\d+$/.test(setting) ? Number(setting) : NaN;
    else if (key === "device") count = setting.split(",").filter(Boolean).length;
    else if (!["capabilities", "driver", "options"].includes(key)) return bad("dockerRunGpus", value);
  }
  if (count === undefined || !Number.isInteger(count) || count < 1 || count > 16) return bad("dockerRunGpus", value);
  draft.gpuCount = count;
  return undefined;
};

/** Host paths cannot come along to the cloud: the container gets scratch space there. Named volumes persist. */
function addVolume(
  draft: DockerRunDraft,
  source: string | undefined,
  target: string,
  raw: string,
): FieldError | undefined {
  if (!target.startsWith("/")) return bad("dockerRunVolume", raw);
  const named = source !== undefined && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(source);
  draft.volumes.push({
    source: named ? "persistent" : "scratch",
    mountPath: target,
    ...(named ? { volumeName: source } : {}),
  });
  return undefined;
}

const volume: Apply = (value, draft) => {
  const parts = value.split(":");
  return parts.length === 1
    ? addVolume(draft, undefined, value, value)
    : addVolume(draft, parts[0], parts[1] ?? "", value);
};

const mount: Apply = (value, draft) => {
  const settings = new Map(
    csvFields(value).map((field) => [field.split("=")[0]!, field.slice(field.indexOf("=") + 1)]),
  );
  const target = settings.get("target") ?? settings.get("destination") ?? settings.get("dst") ?? "";
  const source =
    settings.get("type") === "bind" || settings.get("type") === "tmpfs"
      ? undefined
      : (settings.get("source") ?? settings.get("src"));
  return addVolume(draft, source, target, value);
};

const tmpfs: Apply = (value, draft) => addVolume(draft, undefined, value.split(":")[0]!, value);

const UNIT_POWERS: Record<string, number> = { "": 0, k: 1, m: 2, g: 3, t: 4 };

/** Docker's RAMInBytes ("16g", "512m", "1.5GiB", bytes), rounded up to the spec's quarter GiB. */
const memory: Apply = (value, draft) => {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(value.trim());
  if (!match) return bad("dockerRunMemory", value);
  const bytes = Number(match[1]) * 1024 ** UNIT_POWERS[match[2]!.toLowerCase()]!;
  const quarters = Math.ceil(bytes / 2 ** 28);
  if (!(quarters >= 1 && quarters <= 8192 * 4)) return bad("dockerRunMemory", value);
  draft.memoryGiB = quarters / 4;
  return undefined;
};

const cpus: Apply = (value, draft) => {
  const cores = /^\d+(\.\d+)?$/.test(value) ? Math.ceil(Number(value) * 1000) / 1000 : NaN;
  if (!(cores >= 0.1 && cores <= 512)) return bad("dockerRunCpus", value);
  draft.cpu = cores;
  return undefined;
};

const IGNORED_WITH_VALUE = [
  "add-host",
  "annotation",
  "attach",
  "blkio-weight",
  "blkio-weight-device",
  "cap-add",
  "cap-drop",
  "cgroup-parent",
  "cgroupns",
  "cidfile",
  "cpu-period",
  "cpu-quota",
  "cpu-rt-period",
  "cpu-rt-runtime",
  "cpu-shares",
  "cpuset-cpus",
  "cpuset-mems",
  "detach-keys",
  "device",
  "device-cgroup-rule",
  "device-read-bps",
  "device-read-iops",
  "device-write-bps",
  "device-write-iops",
  "dns",
  "dns-option",
  "dns-search",
  "domainname",
  "env-file",
  "group-add",
  "health-cmd",
  "health-interval",
  "health-retries",
  "health-start-interval",
  "health-start-period",
  "health-timeout",
  "hostname",
  "ip",
  "ip6",
  "ipc",
  "isolation",
  "kernel-memory",
  "label",
  "label-file",
  "link",
  "link-local-ip",
  "log-driver",
  "log-opt",
  "mac-address",
  "memory-reservation",
  "memory-swap",
  "memory-swappiness",
  "network",
  "net",
  "network-alias",
  "net-alias",
  "oom-score-adj",
  "pid",
  "pids-limit",
  "platform",
  "pull",
  "restart",
  "runtime",
  "security-opt",
  "shm-size",
  "stop-signal",
  "stop-timeout",
  "storage-opt",
  "sysctl",
  "ulimit",
  "user",
  "userns",
  "uts",
  "volume-driver",
  "volumes-from",
  "workdir",
];

/** Options whose value is taken as it is. */
const copyInto =
  (field: "name" | "entrypoint"): Apply =>
  (value, draft) => {
    draft[field] = value;
    return undefined;
  };

export const VALUE_OPTIONS: Record<string, Apply | "ignored"> = {
  ...Object.fromEntries(IGNORED_WITH_VALUE.map((name) => [name, "ignored" as const])),
  publish,
  expose: publish,
  env,
  gpus,
  volume,
  mount,
  tmpfs,
  memory,
  cpus,
  name: copyInto("name"),
  entrypoint: copyInto("entrypoint"),
};

export const FLAG_OPTIONS = new Set([
  "detach",
  "interactive",
  "tty",
  "rm",
  "privileged",
  "init",
  "publish-all",
  "read-only",
  "sig-proxy",
  "no-healthcheck",
  "oom-kill-disable",
  "quiet",
  "disable-content-trust",
  "use-api-socket",
]);

export const SHORT_OPTIONS: Record<string, string> = {
  p: "publish",
  e: "env",
  v: "volume",
  m: "memory",
  w: "workdir",
  u: "user",
  h: "hostname",
  l: "label",
  a: "attach",
  c: "cpu-shares",
  d: "detach",
  i: "interactive",
  t: "tty",
  P: "publish-all",
  q: "quiet",
};
