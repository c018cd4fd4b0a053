/** Discovery documents: /api, /apis, /api/v1, /apis/<group>/<version>, /version. */
import { groups, RESOURCE_TYPES, type ResourceType } from "./resources.ts";
import type { Obj } from "./store.ts";

const KUBERNETES_VERSION = { major: "1", minor: "33", patch: "1" };

export function versionInfo(): Obj {
  return {
    major: KUBERNETES_VERSION.major,
    minor: KUBERNETES_VERSION.minor,
    // The build metadata tells a curious client this is the Portico simulated cluster.
    gitVersion: `v${KUBERNETES_VERSION.major}.${KUBERNETES_VERSION.minor}.${KUBERNETES_VERSION.patch}+portico-sim`,
    gitCommit: "0000000000000000000000000000000000000000",
    gitTreeState: "clean",
    buildDate: "2025-01-01T00:00:00Z",
    goVersion: "go1.24.0",
    compiler: "gc",
    platform: "linux/amd64",
  };
}

export function apiVersions(serverAddress: string): Obj {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

function groupEntry(name: string, version: string): Obj {
  const gv = { groupVersion: `${name}/${version}`, version };
  return { name, versions: [gv], preferredVersion: gv };
}

export function apiGroupList(): Obj {
  return { kind: "APIGroupList", apiVersion: "v1", groups: groups().map((g) => groupEntry(g.name, g.version)) };
}

export function apiGroup(name: string): Obj | undefined {
  const g = groups().find((x) => x.name === name);
  return g ? { kind: "APIGroup", apiVersion: "v1", ...groupEntry(g.name, g.version) } : undefined;
}

const VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function resourceEntries(t: ResourceType): Obj[] {
  const main: Obj = {
    name: t.resource,
    singularName: t.singular,
    namespaced: t.namespaced,
    kind: t.kind,
    verbs: VERBS,
  };
  if (t.shortNames) main.shortNames = t.shortNames;
  if (t.categories) main.categories = t.categories;
  const out = [main];
  for (const sub of t.subresources) {
    switch (sub) {
      case "status":
        out.push({
          name: `${t.resource}/status`,
          singularName: "",
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ["get", "patch", "update"],
        });
        break;
      case "scale":
        out.push({
          name: `${t.resource}/scale`,
          singularName: "",
          namespaced: t.namespaced,
          group: "autoscaling",
          version: "v1",
          kind: "Scale",
          verbs: ["get", "patch", "update"],
        });
        break;
      case "log":
        out.push({ name: `${t.resource}/log`, singularName: "", namespaced: true, kind: "Pod", verbs: ["get"] });
        break;
      case "exec":
        out.push({
          name: `${t.resource}/exec`,
          singularName: "",
          namespaced: true,
          kind: "PodExecOptions",
          verbs: ["create", "get"],
        });
        break;
      case "attach":
        out.push({
          name: `${t.resource}/attach`,
          singularName: "",
          namespaced: true,
          kind: "PodAttachOptions",
          verbs: ["create", "get"],
        });
        break;
      case "portforward":
        out.push({
          name: `${t.resource}/portforward`,
          singularName: "",
          namespaced: true,
          kind: "PodPortForwardOptions",
          verbs: ["create", "get"],
        });
        break;
    }
  }
  return out;
}

/** APIResourceList for "v1" or "<group>/<version>"; undefined when not served. */
export function apiResourceList(groupVersion: string): Obj | undefined {
  const types = RESOURCE_TYPES.filter((t) => t.apiVersion === groupVersion);
  if (types.length === 0) return undefined;
  return { kind: "APIResourceList", apiVersion: "v1", groupVersion, resources: types.flatMap(resourceEntries) };
}
