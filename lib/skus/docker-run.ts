import type { FieldError } from "@/lib/errors";
import type { FieldErrors } from "@/lib/validation/field-errors";
import { type DockerRunDraft, FLAG_OPTIONS, SHORT_OPTIONS, VALUE_OPTIONS } from "./docker-run-options";
import { imageReferenceProblem } from "./image-reference";
import { splitShellWords } from "./shell-words";

/**
 * "From a Docker image": an image reference, or a `docker run …` line copied from a README, becomes the
 * container and compute fields of a new SKU. Syntax errors are reported on the pasted text ("source"),
 * image errors on "container.image".
 */

export type DockerRunSpec = {
  basics?: { name: string; displayName: string };
  container: {
    image: string;
    command?: string[];
    args?: string[];
    ports: { name: string; containerPort: number; ui: boolean }[];
    env: { name: string; value: string; secret: boolean }[];
    volumes: { name: string; mountPath: string; source: "persistent" | "scratch" }[];
  };
  compute?: { cpu?: number; memoryGiB?: number; gpu?: { mode: "whole"; count: number } };
};

export type DockerRunResult =
  | { ok: true; kind: "dev-pod" | "app"; spec: DockerRunSpec; ignored: string[] }
  | { ok: false; fields: FieldErrors };

const MAX_SOURCE_LENGTH = 20_000;
const RUNNERS = new Set(["docker", "podman", "nerdctl"]);
const fail = (field: string, error: FieldError): DockerRunResult => ({ ok: false, fields: { [field]: error } });

/** The words of the first command, without a prompt, `sudo` or leading VAR=value assignments. */
function commandWords(text: string): string[] | FieldError {
  const split = splitShellWords(text);
  if (!split.ok) return { key: "dockerRunQuote" };
  const words: string[] = [];
  for (const token of split.tokens) {
    if ("operator" in token) break;
    words.push(token.word);
  }
  let start = 0;
  while (
    start < words.length &&
    (words[start] === "$" || words[start] === "sudo" || /^[A-Za-z_]\w*=/.test(words[start]!))
  )
    start += 1;
  return words.slice(start);
}

/** What follows `docker run` (or `docker container run`), or undefined when it is another command. */
function runArguments(words: string[]): string[] | undefined {
  if (!RUNNERS.has(words[0] ?? "")) return undefined;
  if (words[1] === "run") return words.slice(2);
  return words[1] === "container" && words[2] === "run" ? words.slice(3) : undefined;
}

type Parsed = { draft: DockerRunDraft; image: string; rest: string[] };

function applyOption(
  name: string,
  value: string | undefined,
  words: string[],
  draft: DockerRunDraft,
): FieldError | undefined {
  const option = `--${name}`;
  if (FLAG_OPTIONS.has(name)) return void draft.ignored.push(option);
  const apply = VALUE_OPTIONS[name];
  if (!apply) return { key: "dockerRunUnknownOption", values: { option } };
  const given = value ?? words.shift();
  if (given === undefined) return { key: "dockerRunMissingValue", values: { option } };
  if (apply === "ignored") return void draft.ignored.push(option);
  return apply(given, draft);
}

/** Options up to the image, then the image, then its arguments (which docker never reads as options). */
function parseRunArguments(words: string[]): Parsed | FieldError {
  const draft: DockerRunDraft = { ports: [], env: new Map(), volumes: [], ignored: [] };
  while (words.length > 0) {
    const word = words.shift()!;
    let error: FieldError | undefined;
    if (word === "--") {
      break;
    } else if (word.startsWith("--")) {
      const equals = word.indexOf("=");
      error =
        equals < 0
          ? applyOption(word.slice(2), undefined, words, draft)
          : applyOption(word.slice(2, equals), word.slice(equals + 1), words, draft);
    } else if (word.startsWith("-") && word.length > 1) {
      // A cluster of short options ("-it", "-dp8080:80"): flags until one that takes the rest as its value.
      for (let i = 1; i < word.length; i += 1) {
        const long = SHORT_OPTIONS[word[i]!];
        if (!long) return { key: "dockerRunUnknownOption", values: { option: `-${word[i]}` } };
        if (FLAG_OPTIONS.has(long)) {
          draft.ignored.push(`--${long}`);
          continue;
        }
        const attached = word.slice(i + 1).replace(/^=/, "");
        error = applyOption(long, attached === "" ? undefined : attached, words, draft);
        break;
      }
    } else {
      return { draft, image: word, rest: words };
    }
    if (error) return error;
  }
  const image = words.shift();
  return image === undefined ? { key: "dockerRunMissingImage" } : { draft, image, rest: words };
}

/** A slug for SKU and volume names: lowercase, digits and hyphens. */
function slugify(text: string, max: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, max)
    .replace(/^-+|-+$/g, "");
}

function uniqueName(wanted: string, taken: Set<string>): string {
  let name = wanted || "data";
  for (let n = 2; taken.has(name); n += 1) name = `${(wanted || "data").slice(0, 58)}-${n}`;
  taken.add(name);
  return name;
}

function toSpec({ draft, image, rest }: Parsed): DockerRunSpec {
  const volumeNames = new Set<string>();
  const entrypoint = draft.entrypoint;
  // `--entrypoint ""` clears the image's entrypoint: the arguments are then the whole command.
  const command =
    entrypoint === undefined ? undefined : entrypoint === "" ? (rest.length > 0 ? rest : undefined) : [entrypoint];
  const args = entrypoint === "" || rest.length === 0 ? undefined : rest;
  const name = draft.name === undefined ? "" : slugify(draft.name, 40);
  const compute = {
    ...(draft.cpu !== undefined ? { cpu: draft.cpu } : {}),
    ...(draft.memoryGiB !== undefined ? { memoryGiB: draft.memoryGiB } : {}),
    ...(draft.gpuCount !== undefined ? { gpu: { mode: "whole" as const, count: draft.gpuCount } } : {}),
  };
  return {
    ...(name.length >= 2 ? { basics: { name, displayName: draft.name!.slice(0, 80) } } : {}),
    container: {
      image,
      ...(command ? { command } : {}),
      ...(args ? { args } : {}),
      ports: draft.ports.map((port, i) => ({
        name: i === 0 ? "http" : `port-${port}`,
        containerPort: port,
        ui: i === 0,
      })),
      env: [...draft.env].map(([envName, { value, secret }]) => ({ name: envName, value, secret })),
      volumes: draft.volumes.map((v) => ({
        name: uniqueName(slugify(v.volumeName ?? v.mountPath, 50), volumeNames),
        mountPath: v.mountPath,
        source: v.source,
      })),
    },
    ...(Object.keys(compute).length > 0 ? { compute } : {}),
  };
}

export function parseDockerRun(text: string): DockerRunResult {
  if (text.length > MAX_SOURCE_LENGTH) return fail("source", { key: "tooLong", values: { limit: MAX_SOURCE_LENGTH } });
  const words = commandWords(text);
  if (!Array.isArray(words)) return fail("source", words);
  if (words.length === 0) return fail("source", { key: "dockerRunEmpty" });
  const runArgs = words.length === 1 ? ["--", words[0]!] : runArguments(words);
  if (!runArgs) return fail("source", { key: "dockerRunNotRun" });
  const parsed = parseRunArguments(runArgs);
  if (!("draft" in parsed)) return fail("source", parsed);
  const imageProblem = imageReferenceProblem(parsed.image);
  if (imageProblem) return fail("container.image", { key: imageProblem, values: { value: parsed.image } });
  const spec = toSpec(parsed);
  return {
    ok: true,
    kind: spec.container.ports.length > 0 ? "app" : "dev-pod",
    spec,
    ignored: [...new Set(parsed.draft.ignored)],
  };
}
