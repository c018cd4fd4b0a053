// lib/skus/docker-run.ts and shell-words.ts: "from a Docker image", table-driven, with the quoting people paste.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DockerRunSpec, parseDockerRun } from "@/lib/skus/docker-run";
import { splitShellWords } from "@/lib/skus/shell-words";
import { SKU_VALIDATION_KEYS } from "@/lib/validation/field-errors";

const words = (text: string) => {
  const result = splitShellWords(text);
  return result.ok ? result.tokens : "unterminated";
};

describe("splitShellWords", () => {
  it.each<[string, unknown]>([
    ["a b\tc", [{ word: "a" }, { word: "b" }, { word: "c" }]],
    [`'single "double" $HOME'`, [{ word: 'single "double" $HOME' }]],
    [`"double 'single' \\"escaped\\" \\$HOME \\n"`, [{ word: `double 'single' "escaped" $HOME \\n` }]],
    [`it\\'s`, [{ word: "it's" }]],
    [`a"b"'c'd`, [{ word: "abcd" }]],
    [`--entrypoint "" image`, [{ word: "--entrypoint" }, { word: "" }, { word: "image" }]],
    ["run \\\n  -p 80:80 \\\r\n  image", [{ word: "run" }, { word: "-p" }, { word: "80:80" }, { word: "image" }]],
    ["a # a comment\nb", [{ word: "a" }, { word: "b" }]],
    ["a#b", [{ word: "a#b" }]],
    [
      "a && b; c | d & e || f",
      [
        { word: "a" },
        { operator: "&&" },
        { word: "b" },
        { operator: ";" },
        { word: "c" },
        { operator: "|" },
        { word: "d" },
        { operator: "&" },
        { word: "e" },
        { operator: "||" },
        { word: "f" },
      ],
    ],
    [`"a && b"`, [{ word: "a && b" }]],
    [`"multi\nline"`, [{ word: "multi\nline" }]],
    ["", []],
    [`"open`, "unterminated"],
    [`'open`, "unterminated"],
    [`"a\\"`, "unterminated"],
  ])("splits %j", (text, expected) => {
    expect(words(text)).toEqual(expected);
  });
});

const container = (overrides: Partial<DockerRunSpec["container"]>): DockerRunSpec["container"] => ({
  image: "",
  ports: [],
  env: [],
  volumes: [],
  ...overrides,
});

describe("parseDockerRun: accepted", () => {
  it.each<[string, string, Partial<DockerRunSpec> & { kind?: string; ignored?: string[] }]>([
    [
      "a bare image reference",
      "  nvcr.io/nvidia/pytorch:25.01-py3  ",
      { container: container({ image: "nvcr.io/nvidia/pytorch:25.01-py3" }), kind: "dev-pod" },
    ],
    [
      "a digest",
      `docker run vllm/vllm-openai@sha256:${"ab".repeat(32)}`,
      { container: container({ image: `vllm/vllm-openai@sha256:${"ab".repeat(32)}` }) },
    ],
    [
      "ports in every form",
      "docker run -p 8888:8888 --publish=127.0.0.1:8000:80/tcp -p [::1]:9000:9090 " +
        "--expose 7000 -p8080:5000 -dp 81:3000 jupyter/base-notebook:2024-01-01",
      {
        kind: "app",
        ignored: ["--detach"],
        container: container({
          image: "jupyter/base-notebook:2024-01-01",
          ports: [
            { name: "http", containerPort: 8888, ui: true },
            { name: "port-80", containerPort: 80, ui: false },
            { name: "port-9090", containerPort: 9090, ui: false },
            { name: "port-7000", containerPort: 7000, ui: false },
            { name: "port-5000", containerPort: 5000, ui: false },
            { name: "port-3000", containerPort: 3000, ui: false },
          ],
        }),
      },
    ],
    [
      "environment variables, secrets and shell references",
      `docker run -e A=1 --env B="two words" -e 'C=it''s' -e D= -e HF_TOKEN ` +
        `-e KEY=$OPENAI_API_KEY -e X=\${Y:-z} --env=API_KEY=sk-123 -e E=a=b ubuntu:24.04`,
      {
        container: container({
          image: "ubuntu:24.04",
          env: [
            { name: "A", value: "1", secret: false },
            { name: "B", value: "two words", secret: false },
            { name: "C", value: "its", secret: false },
            { name: "D", value: "", secret: false },
            { name: "HF_TOKEN", value: "", secret: true },
            { name: "KEY", value: "", secret: true },
            { name: "X", value: "", secret: true },
            { name: "API_KEY", value: "sk-123", secret: true },
            { name: "E", value: "a=b", secret: false },
          ],
        }),
      },
    ],
    [
      "a later -e winning",
      "docker run -e A=1 -e A=2 ubuntu:24.04",
      { container: container({ image: "ubuntu:24.04", env: [{ name: "A", value: "2", secret: false }] }) },
    ],
    ["--gpus all", "docker run --gpus all ubuntu:24.04", { compute: { gpu: { mode: "whole", count: 1 } } }],
    ["--gpus 2", "docker run --gpus 2 ubuntu:24.04", { compute: { gpu: { mode: "whole", count: 2 } } }],
    [
      "--gpus with quoted devices",
      `docker run --gpus '"device=0,2,3"' ubuntu:24.04`,
      { compute: { gpu: { mode: "whole", count: 3 } } },
    ],
    [
      "--gpus devices and capabilities",
      `docker run --gpus='"device=1,2",capabilities=utility' ubuntu:24.04`,
      { compute: { gpu: { mode: "whole", count: 2 } } },
    ],
    ["--gpus count=", "docker run --gpus count=4 ubuntu:24.04", { compute: { gpu: { mode: "whole", count: 4 } } }],
    ["memory and CPUs", "docker run -m 1536m --cpus 2.5 ubuntu:24.04", { compute: { cpu: 2.5, memoryGiB: 1.5 } }],
    ["memory in GiB and bytes", "docker run --memory=16GiB ubuntu:24.04", { compute: { memoryGiB: 16 } }],
    [
      "memory rounded up to a quarter GiB",
      "docker run --memory 1000000000 ubuntu:24.04",
      { compute: { memoryGiB: 1 } },
    ],
    [
      "volumes: named, host paths, anonymous, --mount and --tmpfs",
      `docker run -v data:/data -v "$PWD":/work -v ~/.cache:/root/.cache:ro -v /scratch ` +
        "--mount type=volume,source=models,target=/models,readonly --mount type=bind,src=/host,dst=/in " +
        "--tmpfs /run:size=64m ubuntu:24.04",
      {
        container: container({
          image: "ubuntu:24.04",
          volumes: [
            { name: "data", mountPath: "/data", source: "persistent" },
            { name: "work", mountPath: "/work", source: "scratch" },
            { name: "root-cache", mountPath: "/root/.cache", source: "scratch" },
            { name: "scratch", mountPath: "/scratch", source: "scratch" },
            { name: "models", mountPath: "/models", source: "persistent" },
            { name: "in", mountPath: "/in", source: "scratch" },
            { name: "run", mountPath: "/run", source: "scratch" },
          ],
        }),
      },
    ],
    [
      "a name, an entrypoint and arguments that look like options",
      `sudo docker run --rm -it --name "My Notebook" --entrypoint python ubuntu:24.04 ` +
        "-m http.server --bind 0.0.0.0 -p 80",
      {
        basics: { name: "my-notebook", displayName: "My Notebook" },
        ignored: ["--rm", "--interactive", "--tty"],
        container: container({
          image: "ubuntu:24.04",
          command: ["python"],
          args: ["-m", "http.server", "--bind", "0.0.0.0", "-p", "80"],
        }),
      },
    ],
    [
      "an emptied entrypoint: the arguments become the command",
      `docker run --entrypoint "" ubuntu:24.04 bash -lc 'echo "hi $USER"'`,
      { container: container({ image: "ubuntu:24.04", command: ["bash", "-lc", 'echo "hi $USER"'] }) },
    ],
    [
      "a README line: prompt, continuation lines, comments and a second command",
      "$ docker run -d --name unsloth --gpus all --ipc=host \\\n" +
        "  --ulimit memlock=-1 --ulimit stack=67108864 \\\n" +
        "  -p 8000:8000 -p 8888:8888 \\\n" +
        "  -v unsloth-studio:/opt/unsloth-studio \\\n" +
        "  unsloth/unsloth:studio && docker logs -f unsloth # follow",
      {
        kind: "app",
        basics: { name: "unsloth", displayName: "unsloth" },
        ignored: ["--detach", "--ipc", "--ulimit"],
        compute: { gpu: { mode: "whole", count: 1 } },
        container: container({
          image: "unsloth/unsloth:studio",
          ports: [
            { name: "http", containerPort: 8000, ui: true },
            { name: "port-8888", containerPort: 8888, ui: false },
          ],
          volumes: [{ name: "unsloth-studio", mountPath: "/opt/unsloth-studio", source: "persistent" }],
        }),
      },
    ],
    [
      "docker container run, podman and --",
      "podman container run --rm -- ubuntu:24.04 --version",
      { container: container({ image: "ubuntu:24.04", args: ["--version"] }) },
    ],
    [
      "boolean options with values",
      "docker run --rm=true --init --sig-proxy=false --restart unless-stopped -w /app -u 1000:1000 ubuntu:24.04",
      {
        ignored: ["--rm", "--init", "--sig-proxy", "--restart", "--workdir", "--user"],
      },
    ],
    [
      "only the first of several commands",
      "docker run ubuntu:24.04; docker run -p",
      { container: container({ image: "ubuntu:24.04" }) },
    ],
    [
      "a name too short for a slug",
      "docker run --name x ubuntu:24.04",
      { container: container({ image: "ubuntu:24.04" }) },
    ],
  ])("parses %s", (_name, text, expected) => {
    const result = parseDockerRun(text);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    const { kind, ignored, ...spec } = expected;
    if (kind) expect(result.kind).toBe(kind);
    if (ignored) expect(result.ignored).toEqual(ignored);
    if (spec.container) expect(result.spec.container).toEqual(spec.container);
    if (spec.basics) expect(result.spec.basics).toEqual(spec.basics);
    else if (text.includes("--name x")) expect(result.spec.basics).toBeUndefined();
    if (spec.compute) expect(result.spec.compute).toEqual(spec.compute);
  });
});

describe("parseDockerRun: refused, with keys", () => {
  it.each<[string, string, Record<string, unknown>]>([
    ["nothing", "   \n ", { source: { key: "dockerRunEmpty" } }],
    ["only a comment", "# docker run ubuntu:24.04", { source: { key: "dockerRunEmpty" } }],
    ["an unterminated quote", `docker run -e "A=1 ubuntu:24.04`, { source: { key: "dockerRunQuote" } }],
    ["another command", "docker pull ubuntu:24.04", { source: { key: "dockerRunNotRun" } }],
    ["not docker at all", "rm -rf / --no-preserve-root", { source: { key: "dockerRunNotRun" } }],
    ["a compose file", "services:\n  web:\n    image: nginx", { source: { key: "dockerRunNotRun" } }],
    ["no image", "docker run --rm -it", { source: { key: "dockerRunMissingImage" } }],
    [
      "a trailing option without its value",
      "docker run -p",
      { source: { key: "dockerRunMissingValue", values: { option: "--publish" } } },
    ],
    [
      "an unknown long option",
      "docker run --frobnicate ubuntu:24.04",
      { source: { key: "dockerRunUnknownOption", values: { option: "--frobnicate" } } },
    ],
    [
      "an unknown short option",
      "docker run -itZ ubuntu:24.04",
      { source: { key: "dockerRunUnknownOption", values: { option: "-Z" } } },
    ],
    [
      "an untagged image",
      "docker run -p 80:80 nginx",
      { "container.image": { key: "imageTag", values: { value: "nginx" } } },
    ],
    [
      "an upper-case image",
      "docker run My/Image:1",
      { "container.image": { key: "imageReference", values: { value: "My/Image:1" } } },
    ],
    [
      "a UDP port",
      "docker run -p 53:53/udp coredns/coredns:1.11.1",
      { source: { key: "dockerRunPort", values: { value: "53:53/udp" } } },
    ],
    [
      "a port range",
      "docker run -p 8000-8010:8000-8010 ubuntu:24.04",
      { source: { key: "dockerRunPort", values: { value: "8000-8010:8000-8010" } } },
    ],
    ["port 0", "docker run -p 0 ubuntu:24.04", { source: { key: "dockerRunPort", values: { value: "0" } } }],
    [
      "port 70000",
      "docker run -p 70000 ubuntu:24.04",
      { source: { key: "dockerRunPort", values: { value: "70000" } } },
    ],
    [
      "a bad variable name",
      "docker run -e 1A=x ubuntu:24.04",
      { source: { key: "dockerRunEnv", values: { value: "1A" } } },
    ],
    [
      "a dotted variable name",
      "docker run -e a.b=x ubuntu:24.04",
      { source: { key: "dockerRunEnv", values: { value: "a.b" } } },
    ],
    ["zero GPUs", "docker run --gpus 0 ubuntu:24.04", { source: { key: "dockerRunGpus", values: { value: "0" } } }],
    [
      "a GPU count of lots",
      "docker run --gpus lots ubuntu:24.04",
      { source: { key: "dockerRunGpus", values: { value: "lots" } } },
    ],
    [
      "an unknown GPU setting",
      "docker run --gpus mig=1 ubuntu:24.04",
      { source: { key: "dockerRunGpus", values: { value: "mig=1" } } },
    ],
    // As in Docker, whose --gpus is CSV too: a list inside one field needs its own quotes.
    [
      "an unquoted capability list",
      "docker run --gpus capabilities=compute,utility ubuntu:24.04",
      {
        source: { key: "dockerRunGpus", values: { value: "capabilities=compute,utility" } },
      },
    ],
    [
      "a relative mount target",
      "docker run -v data:data ubuntu:24.04",
      { source: { key: "dockerRunVolume", values: { value: "data:data" } } },
    ],
    [
      "bad memory",
      "docker run -m lots ubuntu:24.04",
      { source: { key: "dockerRunMemory", values: { value: "lots" } } },
    ],
    ["zero memory", "docker run -m 0 ubuntu:24.04", { source: { key: "dockerRunMemory", values: { value: "0" } } }],
    ["bad CPUs", "docker run --cpus -1 ubuntu:24.04", { source: { key: "dockerRunCpus", values: { value: "-1" } } }],
    [
      "a huge paste",
      `docker run ${"-e A=1 ".repeat(5000)} ubuntu:24.04`,
      { source: { key: "tooLong", values: { limit: 20_000 } } },
    ],
  ])("refuses %s", (_name, text, expected) => {
    expect(parseDockerRun(text)).toEqual({ ok: false, fields: expected });
  });

  it("never throws, and answers only with known keys (property)", () => {
    const known = new Set<string>(SKU_VALIDATION_KEYS);
    const fragments = fc.constantFrom(
      "docker",
      "run",
      "-p",
      "-e",
      "-v",
      "--gpus",
      "--name",
      "--entrypoint",
      "-it",
      "'",
      '"',
      "\\",
      "&&",
      "#",
      "=",
      ":",
      "ubuntu:24.04",
      "$X",
      "--",
      "-m",
      "1g",
      "/a",
      "\n",
    );
    const text = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.array(fragments, { maxLength: 16 }).map((parts) => parts.join(" ")),
      fc.array(fragments, { maxLength: 16 }).map((parts) => `docker run ${parts.join("")}`),
    );
    fc.assert(
      fc.property(text, (input) => {
        const result = parseDockerRun(input);
        if (!result.ok)
          for (const error of Object.values(result.fields)) expect(known.has(error.key), error.key).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
