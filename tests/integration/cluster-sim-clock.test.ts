/**
 * The simulated cluster on a manual clock: kubelet delays and back-offs only advance when the test
 * says so, so image-pull failures, crash loops and progress deadlines are tested without waiting.
 */
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1ContainerStatus } from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ManualClock,
  manualClock,
  type SimulatedCluster,
  startSimulatedCluster,
} from "@/server/cluster/sim/index.ts";
import { waitFor } from "@/server/cluster/sim/testing.ts";

let sim: SimulatedCluster;
let clock: ManualClock;
let kc: KubeConfig;
let core: CoreV1Api;

beforeAll(async () => {
  clock = manualClock();
  sim = await startSimulatedCluster({
    clock,
    delays: { imagePullMs: 5_000, startMs: 3_000, terminateMs: 1_000 },
    selfCheck: true,
  });
  kc = sim.kubeConfig;
  core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: "clock" } } });
  await waitFor(() => sim.store.get("serviceaccounts", "clock", "default"));
});

afterAll(async () => {
  expect(sim.store.outputErrors).toEqual([]);
  expect(sim.store.componentErrors).toEqual([]);
  await sim.close();
});

/** Advances simulated time in steps until `probe` holds (real time only for the event loop). */
async function advanceUntil<T>(
  probe: () => Promise<T | undefined | false>,
  stepMs = 1_000,
  maxMs = 30 * 60_000,
): Promise<T> {
  for (let t = 0; t <= maxMs; t += stepMs) {
    const v = await probe();
    if (v) return v;
    clock.advance(stepMs);
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  }
  throw new Error("condition not reached in simulated time");
}

async function status(name: string): Promise<V1ContainerStatus | undefined> {
  return (await core.readNamespacedPod({ namespace: "clock", name })).status?.containerStatuses?.[0];
}

function pod(name: string, image: string) {
  return {
    metadata: { name },
    spec: { containers: [{ name: "main", image, resources: { requests: { cpu: "10m" } } }] },
  };
}

describe("kubelet on a manual clock", () => {
  it("does nothing until time advances, then pulls, starts and becomes ready", async () => {
    await core.createNamespacedPod({ namespace: "clock", body: pod("slow", "busybox:1.36") });
    const creating = await waitFor(async () =>
      (await status("slow"))?.state?.waiting?.reason === "ContainerCreating" ? status("slow") : undefined,
    );
    expect(creating?.ready).toBe(false);
    clock.advance(4_000); // still pulling
    expect((await status("slow"))?.state?.waiting?.reason).toBe("ContainerCreating");
    const running = await advanceUntil(async () =>
      (await status("slow"))?.state?.running ? status("slow") : undefined,
    );
    expect(running?.ready).toBe(false);
    const ready = await advanceUntil(async () => ((await status("slow"))?.ready ? status("slow") : undefined));
    expect(ready?.started).toBe(true);
    const events = await core.listNamespacedEvent({ namespace: "clock", fieldSelector: "involvedObject.name=slow" });
    expect(events.items.map((e) => e.reason)).toEqual(
      expect.arrayContaining(["Scheduled", "Pulling", "Pulled", "Created", "Started"]),
    );
  });

  it("follows a running container's log as simulated time passes", async () => {
    const res = await fetch(`${sim.url}/api/v1/namespaces/clock/pods/slow/log?follow=true&tailLines=0`, {
      headers: { Authorization: `Bearer ${sim.token}` },
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    clock.advance(10_000);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toMatch(/^\[simulated\] heartbeat: up \d+s\n$/);
    await reader.cancel();
  });

  it("reports ErrImagePull then ImagePullBackOff for an image that cannot be pulled", async () => {
    const undo = sim.faults.imagePullError("registry.example.com/missing:*");
    await core.createNamespacedPod({ namespace: "clock", body: pod("nopull", "registry.example.com/missing:v1") });
    const err = await advanceUntil(
      async () => ((await status("nopull"))?.state?.waiting?.reason === "ErrImagePull" ? status("nopull") : undefined),
      500,
    );
    expect(err?.state?.waiting?.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "registry.example.com/missing:v1": ' +
        'failed to resolve reference "registry.example.com/missing:v1": registry.example.com/missing:v1: not found',
    );
    const backoff = await advanceUntil(
      async () =>
        (await status("nopull"))?.state?.waiting?.reason === "ImagePullBackOff" ? status("nopull") : undefined,
      500,
    );
    expect(backoff?.state?.waiting?.message).toMatch(
      /^Back-off pulling image "registry.example.com\/missing:v1": ErrImagePull: rpc error/,
    );
    const events = await core.listNamespacedEvent({
      namespace: "clock",
      fieldSelector: "involvedObject.name=nopull,type=Warning",
    });
    expect(events.items.map((e) => e.message)).toEqual(
      expect.arrayContaining([
        `Failed to pull image "registry.example.com/missing:v1": ${err!.state!.waiting!.message}`,
        "Error: ErrImagePull",
      ]),
    );
    expect((await core.readNamespacedPod({ namespace: "clock", name: "nopull" })).status?.phase).toBe("Pending");

    // Once the image becomes available the next retry succeeds.
    undo();
    await advanceUntil(async () => (await status("nopull"))?.ready, 5_000);
  });

  it("crash-loops with a rising restartCount and CrashLoopBackOff", async () => {
    sim.faults.crashLoop("example.com/crasher:*");
    await core.createNamespacedPod({ namespace: "clock", body: pod("crash", "example.com/crasher:1") });
    const looping = await advanceUntil(async () => {
      const s = await status("crash");
      return s && s.restartCount >= 3 && s.state?.waiting?.reason === "CrashLoopBackOff" ? s : undefined;
    }, 5_000);
    expect(looping.lastState?.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(looping.state?.waiting?.message).toMatch(
      /^back-off \d+s restarting failed container=main pod=crash_clock\(/,
    );
    const p = await core.readNamespacedPod({ namespace: "clock", name: "crash" });
    expect(p.status?.phase).toBe("Running");
    expect(p.status?.conditions?.find((c) => c.type === "Ready")?.status).toBe("False");
    const logs = await core.readNamespacedPodLog({ namespace: "clock", name: "crash", previous: true });
    expect(logs).toContain("[simulated] container exited with code 1");
  });

  it("marks a deployment that cannot progress with ProgressDeadlineExceeded", async () => {
    const apps = kc.makeApiClient(AppsV1Api);
    await apps.createNamespacedDeployment({
      namespace: "clock",
      body: {
        metadata: { name: "stuck" },
        spec: {
          replicas: 1,
          progressDeadlineSeconds: 60,
          selector: { matchLabels: { app: "stuck" } },
          template: {
            metadata: { labels: { app: "stuck" } },
            spec: { containers: [{ name: "c", image: "x", resources: { requests: { cpu: "10000" } } }] },
          },
        },
      },
    });
    const cond = await advanceUntil(async () => {
      const d = await apps.readNamespacedDeployment({ namespace: "clock", name: "stuck" });
      return d.status?.conditions?.find((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded");
    }, 10_000);
    expect(cond.status).toBe("False");
    expect(cond.message).toMatch(/^ReplicaSet "stuck-[a-z0-9]+" has timed out progressing\.$/);
  });
});
