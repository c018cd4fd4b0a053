/**
 * Object validation with kube-apiserver's field paths and wording: names (RFC 1123 / RFC 1035),
 * labels, per-kind rules the driver can trip over, immutable fields on update, and a type check of
 * built-in kinds against the official schemas (kubernetes-models).
 */

import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { ReplicaSet } from "kubernetes-models/apps/v1/ReplicaSet";
import { StatefulSet } from "kubernetes-models/apps/v1/StatefulSet";
import { HorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import { Ingress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { RuntimeClass } from "kubernetes-models/node.k8s.io/v1/RuntimeClass";
import { DeviceClass } from "kubernetes-models/resource.k8s.io/v1/DeviceClass";
import { ResourceClaim } from "kubernetes-models/resource.k8s.io/v1/ResourceClaim";
import { ResourceClaimTemplate } from "kubernetes-models/resource.k8s.io/v1/ResourceClaimTemplate";
import { ConfigMap } from "kubernetes-models/v1/ConfigMap";
import { Event } from "kubernetes-models/v1/Event";
import { LimitRange } from "kubernetes-models/v1/LimitRange";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { Node } from "kubernetes-models/v1/Node";
import { PersistentVolume } from "kubernetes-models/v1/PersistentVolume";
import { PersistentVolumeClaim } from "kubernetes-models/v1/PersistentVolumeClaim";
import { Pod } from "kubernetes-models/v1/Pod";
import { ResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import { Secret } from "kubernetes-models/v1/Secret";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { deepEqual, isPlainObject } from "./json.ts";
import { isQuantity, parseQuantity, QUANTITY_ERROR } from "./quantity.ts";
import type { ResourceType } from "./resources.ts";
import { fromLabelSelector, matchesLabels } from "./selectors.ts";
import type { Obj } from "./store.ts";

export interface FieldError {
  field: string;
  message: string;
  reason?: string;
}

// ---------------------------------------------------------------------------------------------
// Schema (type) checks with the official models

/** The official model's check of one kind. The cast is the point: the object is whatever arrived. */
const checkWith =
  <Data>(Model: new (data: Data) => { validate(): void }) =>
  (o: Obj) =>
    new Model(o as Data).validate();

const SCHEMA_CHECKS: Record<string, (o: Obj) => void> = {
  "/pods": checkWith(Pod),
  "/namespaces": checkWith(Namespace),
  "/nodes": checkWith(Node),
  "/services": checkWith(Service),
  "/persistentvolumeclaims": checkWith(PersistentVolumeClaim),
  "/persistentvolumes": checkWith(PersistentVolume),
  "/events": checkWith(Event),
  "/resourcequotas": checkWith(ResourceQuota),
  "/limitranges": checkWith(LimitRange),
  "/configmaps": checkWith(ConfigMap),
  "/secrets": checkWith(Secret),
  "/serviceaccounts": checkWith(ServiceAccount),
  "apps/deployments": checkWith(Deployment),
  "apps/replicasets": checkWith(ReplicaSet),
  "apps/statefulsets": checkWith(StatefulSet),
  "networking.k8s.io/ingresses": checkWith(Ingress),
  "networking.k8s.io/ingressclasses": checkWith(IngressClass),
  "networking.k8s.io/networkpolicies": checkWith(NetworkPolicy),
  "autoscaling/horizontalpodautoscalers": checkWith(HorizontalPodAutoscaler),
  "resource.k8s.io/resourceclaimtemplates": checkWith(ResourceClaimTemplate),
  "resource.k8s.io/resourceclaims": checkWith(ResourceClaim),
  "resource.k8s.io/deviceclasses": checkWith(DeviceClass),
  "node.k8s.io/runtimeclasses": checkWith(RuntimeClass),
};

/** Validates an object against the official schema; returns the error text, if any. */
export function schemaError(rt: ResourceType, o: Obj): string | undefined {
  const check = SCHEMA_CHECKS[rt.key];
  if (!check) return undefined;
  try {
    check(o);
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// ---------------------------------------------------------------------------------------------
// Names and labels

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

const MSG_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'example.com', " +
  "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const MSG_LABEL =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', " +
  "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', " +
  "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MSG_1035 =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, " +
  "and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', " +
  "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const MSG_LABEL_VALUE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', " +
  "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const MSG_QUALIFIED =
  "name part must consist of alphanumeric characters, '-', '_' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
  "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

function goValue(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (isPlainObject(v) && Object.values(v).every((x) => typeof x === "string")) {
    return `map[string]string{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${JSON.stringify(x)}`)
      .join(", ")}}`;
  }
  return JSON.stringify(v);
}

const invalid = (field: string, value: unknown, detail: string): FieldError => ({
  field,
  reason: "FieldValueInvalid",
  message: `Invalid value: ${goValue(value)}: ${detail}`,
});
const required = (field: string, detail?: string): FieldError => ({
  field,
  reason: "FieldValueRequired",
  message: detail ? `Required value: ${detail}` : "Required value",
});
const forbidden = (field: string, detail: string): FieldError => ({
  field,
  reason: "FieldValueForbidden",
  message: `Forbidden: ${detail}`,
});
const duplicate = (field: string, value: unknown): FieldError => ({
  field,
  reason: "FieldValueDuplicate",
  message: `Duplicate value: ${goValue(value)}`,
});
const notSupported = (field: string, value: unknown, supported: string[]): FieldError => ({
  field,
  reason: "FieldValueNotSupported",
  message:
    `Unsupported value: ${goValue(value)}: ` +
    `supported values: ${supported.map((s) => JSON.stringify(s)).join(", ")}`,
});
const notFound = (field: string, value: unknown): FieldError => ({
  field,
  reason: "FieldValueNotFound",
  message: `Not found: ${goValue(value)}`,
});

function dns1123SubdomainErrors(field: string, name: string): FieldError[] {
  const out: FieldError[] = [];
  if (name.length > 253) out.push(invalid(field, name, "must be no more than 253 characters"));
  if (!DNS1123_SUBDOMAIN.test(name)) out.push(invalid(field, name, MSG_SUBDOMAIN));
  return out;
}

function dns1123LabelErrors(field: string, name: string): FieldError[] {
  const out: FieldError[] = [];
  if (name.length > 63) out.push(invalid(field, name, "must be no more than 63 characters"));
  if (!DNS1123_LABEL.test(name)) out.push(invalid(field, name, MSG_LABEL));
  return out;
}

function dns1035LabelErrors(field: string, name: string): FieldError[] {
  const out: FieldError[] = [];
  if (name.length > 63) out.push(invalid(field, name, "must be no more than 63 characters"));
  if (!DNS1035_LABEL.test(name)) out.push(invalid(field, name, MSG_1035));
  return out;
}

/** Kinds whose names must be RFC 1123 labels / RFC 1035 labels; the rest are subdomains. */
const NAME_RULES: Record<string, (field: string, name: string) => FieldError[]> = {
  "/namespaces": dns1123LabelErrors,
  "/services": dns1035LabelErrors,
  "apps/statefulsets": dns1123LabelErrors,
};

function qualifiedNameErrors(field: string, key: string): FieldError[] {
  const out: FieldError[] = [];
  let name = key;
  const slash = key.indexOf("/");
  if (slash >= 0) {
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (!prefix) out.push(invalid(field, key, "prefix part must be non-empty"));
    else if (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)
      out.push(invalid(field, key, `prefix part ${MSG_SUBDOMAIN}`));
  }
  if (!name) out.push(invalid(field, key, "name part must be non-empty"));
  else {
    if (name.length > 63) out.push(invalid(field, key, "name part must be no more than 63 characters"));
    if (!QUALIFIED_NAME.test(name)) out.push(invalid(field, key, MSG_QUALIFIED));
  }
  return out;
}

function labelErrors(field: string, labels: unknown): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (!isPlainObject(labels)) return [invalid(field, labels, "must be a map of strings")];
  const out: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    out.push(...qualifiedNameErrors(field, k));
    if (typeof v !== "string") out.push(invalid(field, v, "label values must be strings"));
    else {
      if (v.length > 63) out.push(invalid(field, v, "must be no more than 63 characters"));
      if (!LABEL_VALUE.test(v)) out.push(invalid(field, v, MSG_LABEL_VALUE));
    }
  }
  return out;
}

function annotationErrors(field: string, annotations: unknown): FieldError[] {
  if (annotations === undefined || annotations === null) return [];
  if (!isPlainObject(annotations)) return [invalid(field, annotations, "must be a map of strings")];
  const out: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(annotations)) {
    out.push(...qualifiedNameErrors(field, k));
    size += k.length + String(v).length;
  }
  if (size > 262144)
    out.push({ field, reason: "FieldValueTooLong", message: "Too long: may not be more than 262144 bytes" });
  return out;
}

function metadataErrors(rt: ResourceType, o: Obj): FieldError[] {
  const m = (o.metadata ?? {}) as Obj;
  const out: FieldError[] = [];
  if (!m.name) out.push(required("metadata.name", "name or generateName is required"));
  else if (typeof m.name !== "string") out.push(invalid("metadata.name", m.name, "must be a string"));
  else if (rt.key !== "/events") out.push(...(NAME_RULES[rt.key] ?? dns1123SubdomainErrors)("metadata.name", m.name));
  out.push(...labelErrors("metadata.labels", m.labels));
  out.push(...annotationErrors("metadata.annotations", m.annotations));
  for (const [i, ref] of ((m.ownerReferences ?? []) as Obj[]).entries()) {
    for (const f of ["apiVersion", "kind", "name", "uid"]) {
      if (!ref?.[f]) out.push(required(`metadata.ownerReferences[${i}].${f}`));
    }
  }
  const controllers = ((m.ownerReferences ?? []) as Obj[]).filter((r) => r?.controller === true);
  if (controllers.length > 1)
    out.push(
      invalid(
        "metadata.ownerReferences",
        controllers.map((c) => c.name),
        "Only one reference can have Controller set to true",
      ),
    );
  return out;
}

// ---------------------------------------------------------------------------------------------
// Pods and pod templates

const STANDARD_RESOURCES = new Set(["cpu", "memory", "ephemeral-storage", "storage", "pods"]);
export function isExtendedResource(name: string): boolean {
  return (
    !STANDARD_RESOURCES.has(name) &&
    !name.startsWith("hugepages-") &&
    name.includes("/") &&
    !name.startsWith("kubernetes.io/")
  );
}

function resourceErrors(path: string, res: Obj | undefined): FieldError[] {
  const out: FieldError[] = [];
  if (!res) return out;
  const requests = (res.requests ?? {}) as Obj;
  const limits = (res.limits ?? {}) as Obj;
  for (const [kind, list] of [
    ["limits", limits],
    ["requests", requests],
  ] as const) {
    for (const [name, q] of Object.entries(list)) {
      const f = `${path}.${kind}[${name}]`;
      if (!isQuantity(q)) {
        out.push(invalid(f, q, QUANTITY_ERROR));
        continue;
      }
      const n = parseQuantity(q);
      if (n < 0) out.push(invalid(f, q, "must be greater than or equal to 0"));
      if (isExtendedResource(name) && !Number.isInteger(n)) out.push(invalid(f, q, "must be an integer"));
    }
  }
  for (const [name, q] of Object.entries(requests)) {
    if (!isQuantity(q)) continue;
    const lim = limits[name];
    if (isExtendedResource(name)) {
      if (lim === undefined) out.push(required(`${path}.limits`, "Limit must be set for non overcommitable resources"));
      else if (isQuantity(lim) && parseQuantity(lim) !== parseQuantity(q)) {
        out.push(invalid(`${path}.requests`, q, `must be equal to ${name} limit of ${String(lim)}`));
      }
    } else if (lim !== undefined && isQuantity(lim) && parseQuantity(q) > parseQuantity(lim)) {
      out.push(invalid(`${path}.requests`, q, `must be less than or equal to ${name} limit of ${String(lim)}`));
    }
  }
  return out;
}

function containerErrors(
  path: string,
  c: Obj,
  volumes: Set<string>,
  claims: Set<string>,
  names: Set<string>,
): FieldError[] {
  const out: FieldError[] = [];
  if (!c.name) out.push(required(`${path}.name`));
  else {
    out.push(...dns1123LabelErrors(`${path}.name`, c.name));
    if (names.has(c.name)) out.push(duplicate(`${path}.name`, c.name));
    names.add(c.name);
  }
  if (!c.image) out.push(required(`${path}.image`));
  const ports = new Set<string>();
  for (const [i, p] of ((c.ports ?? []) as Obj[]).entries()) {
    const port = p.containerPort;
    if (typeof port !== "number" || port < 1 || port > 65535)
      out.push(invalid(`${path}.ports[${i}].containerPort`, port, "must be between 1 and 65535, inclusive"));
    if (p.name) {
      if (p.name.length > 15 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(p.name) || !/[a-z]/.test(p.name)) {
        out.push(
          invalid(
            `${path}.ports[${i}].name`,
            p.name,
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-), " +
              "must contain at least one letter (a-z), must be no more than 15 characters",
          ),
        );
      }
      if (ports.has(p.name)) out.push(duplicate(`${path}.ports[${i}].name`, p.name));
      ports.add(p.name);
    }
  }
  const envNames = new Set<string>();
  for (const [i, e] of ((c.env ?? []) as Obj[]).entries()) {
    if (!e.name) out.push(required(`${path}.env[${i}].name`));
    envNames.add(e.name);
  }
  const mounts = new Set<string>();
  for (const [i, m] of ((c.volumeMounts ?? []) as Obj[]).entries()) {
    if (!m.name) out.push(required(`${path}.volumeMounts[${i}].name`));
    else if (!volumes.has(m.name)) out.push(notFound(`${path}.volumeMounts[${i}].name`, m.name));
    if (!m.mountPath) out.push(required(`${path}.volumeMounts[${i}].mountPath`));
    else if (mounts.has(m.mountPath))
      out.push(invalid(`${path}.volumeMounts[${i}].mountPath`, m.mountPath, "must be unique"));
    mounts.add(m.mountPath);
  }
  out.push(...resourceErrors(`${path}.resources`, c.resources));
  for (const [i, claim] of ((c.resources?.claims ?? []) as Obj[]).entries()) {
    if (!claims.has(claim.name)) out.push(notFound(`${path}.resources.claims[${i}].name`, claim.name));
  }
  return out;
}

function podSpecErrors(
  path: string,
  spec: Obj | undefined,
  isTemplate: boolean,
  extraVolumes: string[] = [],
): FieldError[] {
  const out: FieldError[] = [];
  if (!spec) return [required(path)];
  // StatefulSet volumeClaimTemplates become volumes of the pods.
  const volumes = new Set<string>(extraVolumes);
  for (const [i, v] of ((spec.volumes ?? []) as Obj[]).entries()) {
    if (!v.name) out.push(required(`${path}.volumes[${i}].name`));
    else {
      out.push(...dns1123LabelErrors(`${path}.volumes[${i}].name`, v.name));
      if (volumes.has(v.name)) out.push(duplicate(`${path}.volumes[${i}].name`, v.name));
      volumes.add(v.name);
    }
    if (v.persistentVolumeClaim && !v.persistentVolumeClaim.claimName)
      out.push(required(`${path}.volumes[${i}].persistentVolumeClaim.claimName`));
  }
  const claims = new Set<string>();
  for (const [i, rc] of ((spec.resourceClaims ?? []) as Obj[]).entries()) {
    if (!rc.name) out.push(required(`${path}.resourceClaims[${i}].name`));
    else {
      if (claims.has(rc.name)) out.push(duplicate(`${path}.resourceClaims[${i}].name`, rc.name));
      claims.add(rc.name);
    }
    const sources = [rc.resourceClaimName, rc.resourceClaimTemplateName].filter(Boolean).length;
    if (sources !== 1)
      out.push(
        invalid(
          `${path}.resourceClaims[${i}]`,
          rc.name,
          "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
        ),
      );
  }
  const containers = (spec.containers ?? []) as Obj[];
  if (containers.length === 0) out.push(required(`${path}.containers`));
  const names = new Set<string>();
  for (const [i, c] of containers.entries())
    out.push(...containerErrors(`${path}.containers[${i}]`, c, volumes, claims, names));
  for (const [i, c] of ((spec.initContainers ?? []) as Obj[]).entries()) {
    out.push(...containerErrors(`${path}.initContainers[${i}]`, c, volumes, claims, names));
  }
  const policies = ["Always", "OnFailure", "Never"];
  if (spec.restartPolicy !== undefined && !policies.includes(spec.restartPolicy))
    out.push(notSupported(`${path}.restartPolicy`, spec.restartPolicy, policies));
  if (spec.nodeSelector !== undefined) out.push(...labelErrors(`${path}.nodeSelector`, spec.nodeSelector));
  for (const [i, t] of ((spec.tolerations ?? []) as Obj[]).entries()) {
    if (t.operator === "Exists" && t.value)
      out.push(
        invalid(`${path}.tolerations[${i}].operator`, t.value, "value must be empty when `operator` is 'Exists'"),
      );
    if (t.operator && !["Exists", "Equal"].includes(t.operator))
      out.push(notSupported(`${path}.tolerations[${i}].operator`, t.operator, ["Equal", "Exists"]));
    if (t.effect && !["NoSchedule", "PreferNoSchedule", "NoExecute"].includes(t.effect)) {
      out.push(
        notSupported(`${path}.tolerations[${i}].effect`, t.effect, ["NoExecute", "NoSchedule", "PreferNoSchedule"]),
      );
    }
  }
  if (typeof spec.terminationGracePeriodSeconds === "number" && spec.terminationGracePeriodSeconds < 0) {
    out.push(
      invalid(
        `${path}.terminationGracePeriodSeconds`,
        spec.terminationGracePeriodSeconds,
        "must be greater than or equal to 0",
      ),
    );
  }
  void isTemplate;
  return out;
}

function templateErrors(rt: ResourceType, o: Obj, allowedRestart: string[] = ["Always"]): FieldError[] {
  const out: FieldError[] = [];
  const spec = (o.spec ?? {}) as Obj;
  if (typeof spec.replicas === "number" && spec.replicas < 0)
    out.push(invalid("spec.replicas", spec.replicas, "must be greater than or equal to 0"));
  if (!spec.selector) out.push(required("spec.selector"));
  else if (
    (!spec.selector.matchLabels || Object.keys(spec.selector.matchLabels).length === 0) &&
    (!spec.selector.matchExpressions || spec.selector.matchExpressions.length === 0)
  ) {
    out.push(invalid("spec.selector", spec.selector, "empty selector is invalid for deployment"));
  }
  if (!spec.template) {
    out.push(required("spec.template"));
    return out;
  }
  const labels = spec.template.metadata?.labels ?? {};
  out.push(...labelErrors("spec.template.metadata.labels", labels));
  if (spec.selector) {
    try {
      if (!matchesLabels(fromLabelSelector(spec.selector), labels)) {
        out.push(invalid("spec.template.metadata.labels", labels, "`selector` does not match template `labels`"));
      }
    } catch (e) {
      out.push(invalid("spec.selector", spec.selector, (e as Error).message));
    }
  }
  const claimVolumes = ((spec.volumeClaimTemplates ?? []) as Obj[]).map((t) => t.metadata?.name).filter(Boolean);
  out.push(...podSpecErrors("spec.template.spec", spec.template.spec, true, claimVolumes));
  const rp = spec.template.spec?.restartPolicy;
  if (rp !== undefined && !allowedRestart.includes(rp))
    out.push(notSupported("spec.template.spec.restartPolicy", rp, allowedRestart));
  void rt;
  return out;
}

// ---------------------------------------------------------------------------------------------

function serviceErrors(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const s = (o.spec ?? {}) as Obj;
  const types = ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"];
  if (!types.includes(s.type)) out.push(notSupported("spec.type", s.type, types));
  const ports = (s.ports ?? []) as Obj[];
  const headless = s.clusterIP === "None";
  if (ports.length === 0 && s.type !== "ExternalName" && !headless) out.push(required("spec.ports"));
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (typeof p.port !== "number" || p.port < 1 || p.port > 65535)
      out.push(invalid(`spec.ports[${i}].port`, p.port, "must be between 1 and 65535, inclusive"));
    if (ports.length > 1 && !p.name) out.push(required(`spec.ports[${i}].name`));
    if (p.name) {
      if (names.has(p.name)) out.push(duplicate(`spec.ports[${i}].name`, p.name));
      names.add(p.name);
    }
  }
  if (s.selector) out.push(...labelErrors("spec.selector", s.selector));
  return out;
}

function pvcErrors(path: string, spec: Obj | undefined): FieldError[] {
  const out: FieldError[] = [];
  const s = spec ?? {};
  if (!Array.isArray(s.accessModes) || s.accessModes.length === 0)
    out.push(required(`${path}.accessModes`, "at least 1 access mode is required"));
  const modes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"];
  for (const m of (s.accessModes ?? []) as string[])
    if (!modes.includes(m)) out.push(notSupported(`${path}.accessModes`, m, modes));
  const storage = s.resources?.requests?.storage;
  if (storage === undefined) out.push(required(`${path}.resources[storage]`));
  else if (!isQuantity(storage)) out.push(invalid(`${path}.resources.requests[storage]`, storage, QUANTITY_ERROR));
  else if (parseQuantity(storage) <= 0)
    out.push(invalid(`${path}.resources[storage]`, storage, "must be greater than zero"));
  return out;
}

function quotaErrors(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  for (const [k, v] of Object.entries((o.spec?.hard ?? {}) as Obj)) {
    if (!isQuantity(v)) out.push(invalid(`spec.hard[${k}]`, v, QUANTITY_ERROR));
  }
  return out;
}

function dynamoErrors(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const services = o.spec?.services;
  if (!isPlainObject(services) || Object.keys(services).length === 0) out.push(required("spec.services"));
  else {
    for (const [name, svc] of Object.entries(services)) {
      if (!isPlainObject(svc)) out.push(invalid(`spec.services.${name}`, svc, "must be an object"));
      else if (svc.replicas !== undefined && (typeof svc.replicas !== "number" || svc.replicas < 0)) {
        out.push(invalid(`spec.services.${name}.replicas`, svc.replicas, "should be greater than or equal to 0"));
      }
    }
  }
  return out;
}

function hpaErrors(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  const s = (o.spec ?? {}) as Obj;
  if (!s.scaleTargetRef?.kind) out.push(required("spec.scaleTargetRef.kind"));
  if (!s.scaleTargetRef?.name) out.push(required("spec.scaleTargetRef.name"));
  if (typeof s.maxReplicas !== "number" || s.maxReplicas < 1)
    out.push(invalid("spec.maxReplicas", s.maxReplicas, "must be greater than or equal to 1"));
  if (typeof s.minReplicas === "number" && typeof s.maxReplicas === "number" && s.minReplicas > s.maxReplicas) {
    out.push(invalid("spec.minReplicas", s.minReplicas, "must be less than or equal to maxReplicas"));
  }
  return out;
}

function ingressErrors(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  for (const [i, rule] of ((o.spec?.rules ?? []) as Obj[]).entries()) {
    if (rule.host && (!DNS1123_SUBDOMAIN.test(rule.host.replace(/^\*\./, "")) || rule.host.length > 253)) {
      out.push(invalid(`spec.rules[${i}].host`, rule.host, MSG_SUBDOMAIN));
    }
    for (const [j, p] of ((rule.http?.paths ?? []) as Obj[]).entries()) {
      const types = ["Exact", "Prefix", "ImplementationSpecific"];
      if (!p.pathType) out.push(required(`spec.rules[${i}].http.paths[${j}].pathType`, "pathType must be specified"));
      else if (!types.includes(p.pathType))
        out.push(notSupported(`spec.rules[${i}].http.paths[${j}].pathType`, p.pathType, types));
    }
  }
  return out;
}

function dataKeyErrors(o: Obj): FieldError[] {
  const out: FieldError[] = [];
  for (const field of ["data", "binaryData", "stringData"]) {
    for (const k of Object.keys((o[field] ?? {}) as Obj)) {
      if (!/^[-._a-zA-Z0-9]+$/.test(k) || k.length > 253) {
        out.push(
          invalid(
            `${field}[${k}]`,
            k,
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' " +
              "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
          ),
        );
      }
    }
  }
  if (o.kind === "Secret") {
    for (const [k, v] of Object.entries((o.data ?? {}) as Obj)) {
      if (typeof v !== "string" || !/^[A-Za-z0-9+/]*={0,2}$/.test(v))
        out.push(invalid(`data[${k}]`, "<secret contents redacted>", "illegal base64 data"));
    }
  }
  return out;
}

export function validateObject(rt: ResourceType, o: Obj): FieldError[] {
  const out = metadataErrors(rt, o);
  switch (rt.key) {
    case "/pods":
      out.push(...podSpecErrors("spec", o.spec, false));
      break;
    case "apps/deployments":
    case "apps/replicasets":
      out.push(...templateErrors(rt, o));
      break;
    case "apps/statefulsets": {
      out.push(...templateErrors(rt, o));
      for (const [i, t] of ((o.spec?.volumeClaimTemplates ?? []) as Obj[]).entries()) {
        if (!t.metadata?.name) out.push(required(`spec.volumeClaimTemplates[${i}].metadata.name`));
        out.push(...pvcErrors(`spec.volumeClaimTemplates[${i}].spec`, t.spec));
      }
      const ppm = o.spec?.podManagementPolicy;
      if (ppm && !["OrderedReady", "Parallel"].includes(ppm))
        out.push(notSupported("spec.podManagementPolicy", ppm, ["OrderedReady", "Parallel"]));
      break;
    }
    case "/services":
      out.push(...serviceErrors(o));
      break;
    case "/persistentvolumeclaims":
      out.push(...pvcErrors("spec", o.spec));
      break;
    case "/resourcequotas":
      out.push(...quotaErrors(o));
      break;
    case "/configmaps":
    case "/secrets":
      out.push(...dataKeyErrors(o));
      break;
    case "autoscaling/horizontalpodautoscalers":
      out.push(...hpaErrors(o));
      break;
    case "networking.k8s.io/ingresses":
      out.push(...ingressErrors(o));
      break;
    case "nvidia.com/dynamographdeployments":
      out.push(...dynamoErrors(o));
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Update rules (immutability)

const POD_UPDATE_MESSAGE =
  "pod updates may not change fields other than " +
  "`spec.containers[*].image`," +
  "`spec.initContainers[*].image`," +
  "`spec.activeDeadlineSeconds`," +
  "`spec.tolerations` (only additions to existing tolerations)," +
  "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

function stripMutablePodFields(spec: Obj): Obj {
  const s = structuredClone(spec);
  for (const c of [...((s.containers ?? []) as Obj[]), ...((s.initContainers ?? []) as Obj[])]) delete c.image;
  delete s.activeDeadlineSeconds;
  delete s.tolerations;
  delete s.terminationGracePeriodSeconds;
  return s;
}

export function validateUpdate(rt: ResourceType, next: Obj, old: Obj): FieldError[] {
  const out = validateObject(rt, next);
  if (next.metadata?.namespace !== old.metadata?.namespace && rt.namespaced) {
    out.push(invalid("metadata.namespace", next.metadata?.namespace, "field is immutable"));
  }
  switch (rt.key) {
    case "/pods": {
      if (!deepEqual(stripMutablePodFields(next.spec ?? {}), stripMutablePodFields(old.spec ?? {}))) {
        out.push(forbidden("spec", POD_UPDATE_MESSAGE));
      }
      break;
    }
    case "apps/deployments":
    case "apps/replicasets":
      if (!deepEqual(next.spec?.selector, old.spec?.selector))
        out.push(invalid("spec.selector", next.spec?.selector, "field is immutable"));
      break;
    case "apps/statefulsets": {
      const strip = (s: Obj) => {
        const c = structuredClone(s ?? {});
        for (const f of [
          "replicas",
          "ordinals",
          "template",
          "updateStrategy",
          "persistentVolumeClaimRetentionPolicy",
          "minReadySeconds",
        ])
          delete c[f];
        return c;
      };
      if (!deepEqual(strip(next.spec), strip(old.spec))) {
        out.push(
          forbidden(
            "spec",
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', " +
              "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
          ),
        );
      }
      break;
    }
    case "/persistentvolumeclaims": {
      const strip = (s: Obj) => {
        const c = structuredClone(s ?? {});
        delete c.resources;
        delete c.volumeAttributesClassName;
        if (!old.spec?.volumeName) delete c.volumeName;
        return c;
      };
      if (!deepEqual(strip(next.spec), strip(old.spec))) {
        out.push(
          forbidden(
            "spec",
            "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims",
          ),
        );
      }
      const before = old.spec?.resources?.requests?.storage;
      const after = next.spec?.resources?.requests?.storage;
      if (before && after && isQuantity(before) && isQuantity(after) && parseQuantity(after) < parseQuantity(before)) {
        out.push(forbidden("spec.resources.requests.storage", "field can not be less than status.capacity"));
      }
      break;
    }
    case "/services":
      if (old.spec?.clusterIP && next.spec?.clusterIP !== undefined && next.spec.clusterIP !== old.spec.clusterIP) {
        out.push(invalid("spec.clusterIPs[0]", [next.spec.clusterIP], "may not change once set"));
      }
      break;
    case "/configmaps":
    case "/secrets":
      if (old.immutable === true) {
        if (!deepEqual(next.data, old.data) || !deepEqual(next.binaryData, old.binaryData))
          out.push(forbidden("data", "field is immutable when `immutable` is set"));
        if (next.immutable !== true) out.push(forbidden("immutable", "field is immutable when `immutable` is set"));
      }
      break;
  }
  return out;
}
