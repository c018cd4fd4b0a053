import { describe, expect, it } from "vitest";
import {
  buildManifests,
  exampleSpec,
  type KubernetesObject,
  modelEndpoint,
  sshUsernameFor,
  validateManifests,
  type WorkloadSpec,
  workloadName,
} from "@/server/cluster/manifests";
import { APPLY_ORDER } from "@/server/cluster/manifests/build";

/** Loose view for assertions; the builders themselves are typed against kubernetes-models. */
// biome-ignore lint/suspicious/noExplicitAny: assertions walk built objects of every kind by path; a wrong one fails
type Json = any;

function build(spec: WorkloadSpec): KubernetesObject[] {
  return validateManifests(buildManifests(spec));
}

function only(objects: KubernetesObject[], kind: string): Json {
  const matches = objects.filter((o) => o.kind === kind);
  expect(matches, `exactly one ${kind}`).toHaveLength(1);
  return matches[0];
}

function podSpecOf(objects: KubernetesObject[]): Json {
  const workload = objects.find((o) => o.kind === "Deployment" || o.kind === "StatefulSet") as Json;
  return workload.spec.template.spec;
}

function decode(b64: string): string {
  return Buffer.from(b64, "base64").toString("utf8");
}

const H100 = "NVIDIA-H100-80GB-HBM3";

function model(change: (spec: WorkloadSpec) => void = () => {}): WorkloadSpec {
  const spec = exampleSpec("model");
  change(spec);
  return spec;
}

describe("dev pod", () => {
  const spec = exampleSpec("dev-pod");
  const objects = build(spec);
  const name = workloadName(spec);

  it("is a one-replica StatefulSet with its workspace on a PVC template", () => {
    const sts = only(objects, "StatefulSet");
    expect(sts.spec.replicas).toBe(1);
    expect(sts.spec.serviceName).toBe(name);
    const [claim] = sts.spec.volumeClaimTemplates;
    expect(claim.metadata.name).toBe("workspace");
    expect(claim.metadata.labels["portico.dev/deployment"]).toBe(spec.deploymentId);
    expect(claim.spec.resources.requests.storage).toBe("200Gi");
    expect(claim.spec.accessModes).toEqual(["ReadWriteOnce"]);
    expect(sts.spec.template.spec.containers[0].volumeMounts).toContainEqual({
      name: "workspace",
      mountPath: "/workspace",
    });
  });

  it("runs sshd on 2222 with the keys from its Secret", () => {
    const container = podSpecOf(objects).containers[0];
    expect(container.ports).toContainEqual({ name: "ssh", containerPort: 2222, protocol: "TCP" });
    expect(container.command.join(" ")).toContain("sshd -D -e -p 2222");
    const secret = only(objects, "Secret");
    expect(podSpecOf(objects).volumes).toContainEqual({
      name: "ssh-keys",
      secret: { secretName: secret.metadata.name, defaultMode: 0o400 },
    });
    expect(decode(secret.data.authorized_keys)).toBe(`${spec.access.ssh!.authorizedKeys[0]}\n`);
  });

  it("puts one whole H100 on the pod, with the product nodeSelector and the GPU toleration", () => {
    const pod = podSpecOf(objects);
    expect(pod.containers[0].resources.limits["nvidia.com/gpu"]).toBe("1");
    expect(pod.containers[0].resources.requests["nvidia.com/gpu"]).toBe("1");
    expect(pod.nodeSelector).toEqual({ "nvidia.com/gpu.product": H100 });
    expect(pod.tolerations).toEqual([{ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" }]);
    expect(pod.schedulerName).toBeUndefined();
  });

  it("has a headless Service and an sshpiper Pipe routing <username>@gateway to it", () => {
    const service = only(objects, "Service");
    expect(service.spec.clusterIP).toBe("None");
    expect(service.spec.ports[0]).toMatchObject({ name: "ssh", port: 2222 });
    const pipe = only(objects, "Pipe");
    expect(pipe.apiVersion).toBe("sshpiper.com/v1beta1");
    expect(pipe.spec.from).toEqual([{ username: sshUsernameFor(spec), authorized_keys_data: expect.any(String) }]);
    expect(decode(pipe.spec.from[0].authorized_keys_data)).toContain(spec.access.ssh!.authorizedKeys[0]);
    expect(pipe.spec.to).toEqual({
      host: `${service.metadata.name}.p-acme-research.svc:2222`,
      username: "root",
      private_key_secret: { name: "portico-ssh-gateway" },
      ignore_hostkey: true,
    });
  });

  it("lets the gateway's upstream key into the pod but not into the user-facing route", () => {
    const gatewayKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGatewayUpstreamKeyForTests0123456789ABCDEFGH gateway";
    const withGateway = exampleSpec("dev-pod");
    withGateway.access.ssh!.gatewayPublicKey = gatewayKey;
    const built = build(withGateway);
    expect(decode(only(built, "Secret").data.authorized_keys)).toContain(gatewayKey);
    expect(decode(only(built, "Pipe").spec.from[0].authorized_keys_data)).not.toContain(gatewayKey);
  });

  it("applies the Secret and Service before the StatefulSet and the Pipe last", () => {
    expect(objects.map((o) => o.kind)).toEqual(["Secret", "Service", "StatefulSet", "Pipe"]);
  });
});

describe("app", () => {
  const spec = exampleSpec("app");
  const objects = build(spec);

  it("exposes the UI port through an nginx Ingress with TLS on its unique hostname", () => {
    const ingress = only(objects, "Ingress");
    expect(ingress.spec.ingressClassName).toBe("nginx");
    expect(ingress.spec.tls).toEqual([
      { hosts: [spec.access.https!.hostname], secretName: `${workloadName(spec)}-tls` },
    ]);
    const [rule] = ingress.spec.rules;
    expect(rule.host).toBe(spec.access.https!.hostname);
    expect(rule.http.paths[0].backend.service).toEqual({
      name: only(objects, "Service").metadata.name,
      port: { name: "http" },
    });
  });

  it("requests a MIG slice and keeps its data on a PVC, replacing pods on rollout", () => {
    const pod = podSpecOf(objects);
    expect(pod.containers[0].resources.limits).toMatchObject({ "nvidia.com/mig-1g.10gb": "1" });
    expect(pod.containers[0].resources.limits["nvidia.com/gpu"]).toBeUndefined();
    expect(pod.nodeSelector["nvidia.com/gpu.product"]).toBe("NVIDIA-A100-SXM4-80GB");
    expect(only(objects, "PersistentVolumeClaim").spec.resources.requests.storage).toBe("50Gi");
    expect(only(objects, "Deployment").spec.strategy).toEqual({ type: "Recreate" });
    expect(pod.containers[0].args).toEqual(spec.args);
    expect(pod.containers[0].readinessProbe).toEqual({ tcpSocket: { port: "http" }, periodSeconds: 5 });
  });

  it("builds no Ingress without HTTPS access", () => {
    const internal = exampleSpec("app");
    delete internal.access.https;
    expect(build(internal).some((o) => o.kind === "Ingress")).toBe(false);
  });
});

describe("GPU modes and placement", () => {
  it("DRA: resource.k8s.io/v1 ResourceClaimTemplate with a CEL product selector, claimed by pod and container", () => {
    const spec = model((s) => (s.compute.gpu = { mode: "dra", model: H100, count: 2, deviceClass: "gpu.nvidia.com" }));
    const objects = build(spec);
    const template = only(objects, "ResourceClaimTemplate");
    expect(template.apiVersion).toBe("resource.k8s.io/v1");
    const [request] = template.spec.spec.devices.requests;
    expect(request.name).toBe("gpu");
    expect(request.exactly).toMatchObject({ deviceClassName: "gpu.nvidia.com", count: 2 });
    expect(request.exactly.selectors[0].cel.expression).toContain(`"${H100}"`);
    const pod = podSpecOf(objects);
    expect(pod.resourceClaims).toEqual([{ name: "gpu", resourceClaimTemplateName: template.metadata.name }]);
    expect(pod.containers[0].resources.claims).toEqual([{ name: "gpu" }]);
    expect(pod.containers[0].resources.limits["nvidia.com/gpu"]).toBeUndefined();
    expect(pod.nodeSelector).toBeUndefined();
    expect(objects.findIndex((o) => o.kind === "ResourceClaimTemplate")).toBeLessThan(
      objects.findIndex((o) => o.kind === "Deployment"),
    );
  });

  it("KAI: schedulerName and the queue label on the pod and its Deployment", () => {
    const objects = build(model((s) => (s.placement = { scheduler: "kai", kaiQueue: "team-a" })));
    const deployment = only(objects, "Deployment");
    expect(deployment.spec.template.spec.schedulerName).toBe("kai-scheduler");
    expect(deployment.spec.template.metadata.labels["kai.scheduler/queue"]).toBe("team-a");
    expect(deployment.metadata.labels["kai.scheduler/queue"]).toBe("team-a");
  });

  it("Kata and node pools: runtimeClassName and the pool nodeSelector", () => {
    const objects = build(
      model(
        (s) =>
          (s.placement = { scheduler: "default", runtimeClassName: "kata-qemu-nvidia-gpu", nodePool: "h100-pool" }),
      ),
    );
    const pod = podSpecOf(objects);
    expect(pod.runtimeClassName).toBe("kata-qemu-nvidia-gpu");
    expect(pod.nodeSelector).toEqual({ "portico.dev/node-pool": "h100-pool", "nvidia.com/gpu.product": "NVIDIA-L40S" });
  });

  it("no GPU: no extended resources, tolerations or GPU nodeSelector", () => {
    const pod = podSpecOf(build(model((s) => (s.compute.gpu = { mode: "none" }))));
    expect(Object.keys(pod.containers[0].resources.limits)).toEqual(["cpu", "memory", "ephemeral-storage"]);
    expect(pod.tolerations).toBeUndefined();
    expect(pod.nodeSelector).toBeUndefined();
  });
});

describe("model servers", () => {
  it("vLLM: vllm serve <model> on 8000, /health probes, scrape annotations, HPA on running requests", () => {
    const spec = model();
    const objects = build(spec);
    const deployment = only(objects, "Deployment");
    const container = deployment.spec.template.spec.containers[0];
    expect(container.command).toEqual(["vllm", "serve"]);
    expect(container.args).toEqual([
      "meta-llama/Llama-3.1-8B-Instruct",
      "--served-model-name",
      "llama-3.1-8b",
      "--host",
      "0.0.0.0",
      "--port",
      "8000",
    ]);
    expect(container.readinessProbe.httpGet).toEqual({ path: "/health", port: "http" });
    expect(container.env).toContainEqual({
      name: "HF_TOKEN",
      valueFrom: { secretKeyRef: { name: "hf-token", key: "token" } },
    });
    expect(deployment.spec.template.metadata.annotations).toEqual({
      "prometheus.io/scrape": "true",
      "prometheus.io/port": "8000",
      "prometheus.io/path": "/metrics",
    });
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(only(objects, "Service").spec.ports).toEqual([
      { name: "http", port: 8000, targetPort: "http", protocol: "TCP" },
    ]);
    const hpa = only(objects, "HorizontalPodAutoscaler");
    expect(hpa.apiVersion).toBe("autoscaling/v2");
    expect(hpa.spec).toMatchObject({
      minReplicas: 1,
      maxReplicas: 4,
      scaleTargetRef: { kind: "Deployment", name: deployment.metadata.name },
    });
    expect(hpa.spec.metrics).toEqual([
      {
        type: "Pods",
        pods: { metric: { name: "vllm:num_requests_running" }, target: { type: "AverageValue", averageValue: "16" } },
      },
    ]);
  });

  it("shards across the replica's GPUs with tensor parallelism", () => {
    const objects = build(model((s) => (s.compute.gpu = { mode: "whole", model: H100, count: 4 })));
    expect(podSpecOf(objects).containers[0].args.join(" ")).toContain("--tensor-parallel-size 4");
  });

  it("falls back to CPU utilisation without a per-replica target, and drops the HPA for fixed replicas", () => {
    const cpu = only(build(model((s) => delete s.model!.targetInflightPerReplica)), "HorizontalPodAutoscaler");
    expect(cpu.spec.metrics[0]).toEqual({
      type: "Resource",
      resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
    });
    const fixed = build(model((s) => (s.model!.replicas = { min: 2, max: 2 })));
    expect(fixed.some((o) => o.kind === "HorizontalPodAutoscaler")).toBe(false);
    expect(only(fixed, "Deployment").spec.replicas).toBe(2);
  });

  it("NIM: image entrypoint, served name by env, /v1/health/ready and /v1/metrics", () => {
    const spec = model((s) => {
      s.model!.engine = "nim";
      s.image = "nvcr.io/nim/meta/llama-3.1-8b-instruct:1.3.3";
    });
    const deployment = only(build(spec), "Deployment");
    const container = deployment.spec.template.spec.containers[0];
    expect(container.command).toBeUndefined();
    expect(container.env).toContainEqual({ name: "NIM_SERVED_MODEL_NAME", value: "llama-3.1-8b" });
    expect(container.readinessProbe.httpGet.path).toBe("/v1/health/ready");
    expect(container.livenessProbe.httpGet.path).toBe("/v1/health/live");
    expect(deployment.spec.template.metadata.annotations["prometheus.io/path"]).toBe("/v1/metrics");
  });

  it("SGLang: python -m sglang.launch_server on 30000 with metrics on", () => {
    const objects = build(model((s) => (s.model!.engine = "sglang")));
    const container = podSpecOf(objects).containers[0];
    expect(container.command).toEqual(["python3", "-m", "sglang.launch_server"]);
    expect(container.args).toEqual(
      expect.arrayContaining([
        "--model-path",
        "meta-llama/Llama-3.1-8B-Instruct",
        "--port",
        "30000",
        "--enable-metrics",
      ]),
    );
    expect(only(objects, "Service").spec.ports[0].port).toBe(30000);
    expect(only(objects, "HorizontalPodAutoscaler").spec.metrics[0].pods.metric.name).toBe("sglang:num_running_reqs");
  });

  it("gives the gateway the in-cluster URL of each engine", () => {
    const spec = model();
    expect(modelEndpoint(spec)).toEqual({
      service: workloadName(spec),
      namespace: "p-acme-prod",
      port: 8000,
      baseUrl: `http://${workloadName(spec)}.p-acme-prod.svc:8000/v1`,
    });
  });
});

describe("Dynamo", () => {
  const dynamo = (change: (spec: WorkloadSpec) => void = () => {}) =>
    model((s) => {
      s.model!.engine = "dynamo";
      s.image = "nvcr.io/nvidia/ai-dynamo/vllm-runtime:1.3.1";
      change(s);
    });

  it("aggregated: a Frontend and one worker pool with whole GPUs", () => {
    const objects = build(dynamo());
    expect(objects.map((o) => o.kind)).toEqual(["DynamoGraphDeployment"]);
    const graph = only(objects, "DynamoGraphDeployment");
    expect(graph.apiVersion).toBe("nvidia.com/v1alpha1");
    expect(graph.spec.backendFramework).toBe("vllm");
    expect(Object.keys(graph.spec.services)).toEqual(["Frontend", "Worker"]);
    expect(graph.spec.services.Frontend.componentType).toBe("frontend");
    const worker = graph.spec.services.Worker;
    expect(worker).toMatchObject({ componentType: "worker", replicas: 1, resources: { limits: { gpu: "1" } } });
    expect(worker.subComponentType).toBeUndefined();
    expect(worker.extraPodSpec.mainContainer.command).toEqual(["python3", "-m", "dynamo.vllm"]);
    expect(worker.extraPodSpec.nodeSelector).toEqual({ "nvidia.com/gpu.product": "NVIDIA-L40S" });
    expect(graph.spec.envs).toContainEqual({
      name: "HF_TOKEN",
      valueFrom: { secretKeyRef: { name: "hf-token", key: "token" } },
    });
  });

  it("disaggregated: prefill and decode pools with their sub-component types, counts and flags", () => {
    const spec = dynamo((s) => (s.model!.disaggregated = { prefillWorkers: 2, decodeWorkers: 3, gpusPerWorker: 2 }));
    const graph = only(build(spec), "DynamoGraphDeployment");
    const { Prefill, Decode } = graph.spec.services;
    expect(Prefill).toMatchObject({
      componentType: "worker",
      subComponentType: "prefill",
      replicas: 2,
      resources: { limits: { gpu: "2" } },
    });
    expect(Decode).toMatchObject({
      componentType: "worker",
      subComponentType: "decode",
      replicas: 3,
      resources: { limits: { gpu: "2" } },
    });
    expect(Prefill.extraPodSpec.mainContainer.args).toContain("--is-prefill-worker");
    expect(Decode.extraPodSpec.mainContainer.args).toContain("--is-decode-worker");
    expect(Prefill.extraPodSpec.mainContainer.args.join(" ")).toContain("--tensor-parallel-size 2");
    expect(modelEndpoint(spec).service).toBe(`${workloadName(spec)}-frontend`);
  });

  it("SGLang backend: disaggregation mode flags", () => {
    const graph = only(
      build(
        dynamo((s) => {
          s.model!.dynamoBackend = "sglang";
          s.model!.disaggregated = { prefillWorkers: 1, decodeWorkers: 1, gpusPerWorker: 1 };
        }),
      ),
      "DynamoGraphDeployment",
    );
    expect(graph.spec.backendFramework).toBe("sglang");
    expect(graph.spec.services.Prefill.extraPodSpec.mainContainer.args.join(" ")).toContain(
      "--disaggregation-mode prefill",
    );
  });

  it("MIG workers name the slice as gpuType; DRA workers claim from a template; KAI reaches every pod", () => {
    const mig = only(
      build(
        dynamo((s) => (s.compute.gpu = { mode: "mig", model: "NVIDIA-A100-SXM4-80GB", profile: "3g.40gb", count: 1 })),
      ),
      "DynamoGraphDeployment",
    );
    expect(mig.spec.services.Worker.resources.limits).toMatchObject({ gpu: "1", gpuType: "nvidia.com/mig-3g.40gb" });

    const objects = build(
      dynamo((s) => {
        s.compute.gpu = { mode: "dra", model: H100, count: 1, deviceClass: "gpu.nvidia.com" };
        s.placement = { scheduler: "kai", kaiQueue: "inference" };
      }),
    );
    expect(objects.map((o) => o.kind)).toEqual(["ResourceClaimTemplate", "DynamoGraphDeployment"]);
    const graph = only(objects, "DynamoGraphDeployment");
    const worker = graph.spec.services.Worker;
    expect(worker.extraPodSpec.resourceClaims).toEqual([
      { name: "gpu", resourceClaimTemplateName: only(objects, "ResourceClaimTemplate").metadata.name },
    ]);
    expect(worker.extraPodSpec.mainContainer.resources.claims).toEqual([{ name: "gpu" }]);
    for (const service of Object.values<Json>(graph.spec.services)) {
      expect(service.extraPodSpec.schedulerName).toBe("kai-scheduler");
      expect(service.extraPodMetadata.labels["kai.scheduler/queue"]).toBe("inference");
    }
  });
});

describe("every build", () => {
  it("labels each object for the controller's garbage collector and orders dependencies first", () => {
    for (const kind of ["dev-pod", "app", "model"] as const) {
      const spec = exampleSpec(kind);
      const objects = build(spec);
      for (const object of objects) {
        expect(object.metadata.labels).toMatchObject({
          "app.kubernetes.io/managed-by": "portico",
          "portico.dev/deployment": spec.deploymentId,
          "portico.dev/org": spec.tenant.orgSlug,
          "portico.dev/project": spec.tenant.projectSlug,
        });
        expect(object.metadata.namespace).toBe(`p-${spec.tenant.orgSlug}-${spec.tenant.projectSlug}`);
      }
      const ranks = objects.map((o) => APPLY_ORDER.indexOf(o.kind as (typeof APPLY_ORDER)[number]));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    }
  });

  it("returns fresh objects: mutating one build does not leak into another", () => {
    const spec = exampleSpec("dev-pod");
    const first = buildManifests(spec) as Json[];
    first.find((o) => o.kind === "StatefulSet").spec.template.spec.tolerations[0].key = "changed";
    const second = buildManifests(spec) as Json[];
    expect(second.find((o) => o.kind === "StatefulSet").spec.template.spec.tolerations[0].key).toBe("nvidia.com/gpu");
  });

  it("re-validates the spec it is given", () => {
    const broken = { ...exampleSpec("app"), placement: { scheduler: "kai" as const } };
    expect(() => buildManifests(broken)).toThrow(/kaiQueue/);
  });
});
