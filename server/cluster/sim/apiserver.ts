/**
 * The verbs of the API (get, list, create, update, patch, delete), shared by the HTTP router and
 * by the simulated controllers, so a controller creating a pod meets the same defaulting,
 * validation, admission and quota as a client does.
 */
import { parse as parseYaml } from "yaml";
import type { Admission } from "./admission.ts";
import { managerFromUserAgent, recordUpdate, serverSideApply } from "./apply.ts";
import type { Clock } from "./clock.ts";
import { rfc3339 } from "./clock.ts";
import { applyDefaults, initialStatus } from "./defaults.ts";
import type { Ipam } from "./ipam.ts";
import { deepEqual, isPlainObject, randomSuffix, specOf, uuid } from "./json.ts";
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from "./patch.ts";
import { R, type ResourceType } from "./resources.ts";
import {
  compileFieldSelector,
  fromLabelSelector,
  labelSelectorToString,
  parseFieldSelector,
  parseLabelSelector,
} from "./selectors.ts";
import { ApiError, errors, successStatus } from "./status.ts";
import { clone, compareObjects, type Obj, type Store } from "./store.ts";
import { type FieldError, schemaError, validateObject, validateUpdate } from "./validation.ts";
import type { WatchHub } from "./watch-hub.ts";

export type PatchType = "json" | "merge" | "strategic" | "apply";

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  userAgent?: string;
  /** Writes made by the simulated control plane: no managedFields entry. */
  internal?: boolean;
}

interface PatchOptions extends WriteOptions {
  force?: boolean;
}

export interface DeleteOptions {
  propagationPolicy?: string;
  gracePeriodSeconds?: number;
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

interface DeleteResult {
  /** The object (still present with a deletionTimestamp, or as it was when removed) or a Status. */
  body: Obj;
  code: 200 | 202;
}

const SYSTEM_META = [
  "uid",
  "creationTimestamp",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
  "generation",
  "selfLink",
] as const;

export class ApiServer {
  /** Objects that did not pass schema validation on the way out (selfCheck). */
  readonly outputErrors: { kind: string; name: string; error: string }[] = [];

  constructor(
    readonly store: Store,
    readonly hub: WatchHub,
    readonly clock: Clock,
    readonly admission: Admission,
    readonly ipam: Ipam,
  ) {}

  now(): string {
    return rfc3339(this.clock.now());
  }

  // ------------------------------------------------------------------------------------------
  // Reads

  get(rt: ResourceType, namespace: string, name: string): Obj {
    const o = this.store.get(rt, namespace, name);
    if (!o) throw errors.notFound(rt, name);
    return o;
  }

  list(rt: ResourceType, namespace: string | undefined, opts: ListOptions = {}): Obj {
    const labels = parseLabelSelector(opts.labelSelector);
    const fields = compileFieldSelector(rt.key, rt.qualified, parseFieldSelector(opts.fieldSelector));
    const current = this.store.resourceVersion;
    if (opts.resourceVersionMatch !== undefined) {
      if (!["Exact", "NotOlderThan"].includes(opts.resourceVersionMatch)) {
        throw errors.invalidOptions("ListOptions", [
          {
            field: "resourceVersionMatch",
            reason: "FieldValueNotSupported",
            message: `Unsupported value: "${opts.resourceVersionMatch}": supported values: "Exact", "NotOlderThan", ""`,
          },
        ]);
      }
      if (!opts.resourceVersion) {
        throw errors.invalidOptions("ListOptions", [
          {
            field: "resourceVersionMatch",
            reason: "FieldValueForbidden",
            message: "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided",
          },
        ]);
      }
    }
    if (opts.resourceVersion && opts.resourceVersion !== "0") {
      const rv = Number(opts.resourceVersion);
      if (!Number.isInteger(rv) || rv < 0)
        throw errors.badRequest(
          `resourceVersion: Invalid value: "${opts.resourceVersion}": must be an unsigned integer`,
        );
      if (rv > current) throw errors.timeout(`Too large resource version: ${rv}, current: ${current}`);
      if (opts.resourceVersionMatch === "Exact" && rv !== current) {
        // Only the latest snapshot is kept in memory.
        throw errors.gone(`too old resource version: ${rv} (${current})`);
      }
    }
    let items = this.store.list(rt, namespace, labels, fields);
    let cont: string | undefined;
    let remaining: number | undefined;
    let listRv = String(current);
    if (opts.continue) {
      let token: { rv: number; start: string[] };
      try {
        token = JSON.parse(Buffer.from(opts.continue, "base64url").toString("utf8"));
        if (!Array.isArray(token.start)) throw new Error("bad token");
      } catch {
        throw errors.badRequest("continue key is not valid: the continue key was malformed");
      }
      if (token.rv < this.hub.oldestResumableRv) {
        throw errors.gone(
          "The provided continue parameter is too old to display a consistent list result. " +
            "You can start a new list without the continue parameter.",
        );
      }
      const [sns, sname] = token.start as [string, string];
      items = items.filter((o) => compareObjects(o, { metadata: { namespace: sns, name: sname } }) > 0);
      listRv = String(token.rv);
    }
    if (opts.limit !== undefined && opts.limit > 0 && items.length > opts.limit) {
      remaining = items.length - opts.limit;
      items = items.slice(0, opts.limit);
      const last = items[items.length - 1]!;
      cont = Buffer.from(
        JSON.stringify({ rv: Number(listRv), start: [last.metadata.namespace ?? "", last.metadata.name] }),
      ).toString("base64url");
    }
    const metadata: Obj = { resourceVersion: listRv };
    if (cont) {
      metadata.continue = cont;
      metadata.remainingItemCount = remaining;
    }
    return {
      kind: `${rt.kind}List`,
      apiVersion: rt.apiVersion,
      metadata,
      // Built-in lists carry items without apiVersion/kind, as kube-apiserver's typed lists do.
      items: rt.custom ? items : items.map(stripTypeMeta),
    };
  }

  // ------------------------------------------------------------------------------------------
  // Create

  create(
    rt: ResourceType,
    namespace: string,
    body: unknown,
    opts: WriteOptions = {},
    preset?: { managedFields?: unknown },
  ): Obj {
    // Bodies built by the simulated control plane are fresh objects: no defensive copy needed.
    const o = this.decode(rt, body, !opts.internal);
    this.checkNamespace(rt, o, namespace);
    const m = o.metadata;
    if (m.resourceVersion) throw errors.badRequest("resourceVersion should not be set on objects to be created");
    if (!m.name && m.generateName) {
      const prefix = String(m.generateName).slice(0, 58);
      for (let i = 0; i < 8; i++) {
        m.name = prefix + randomSuffix(5);
        if (!this.store.get(rt, namespace, m.name)) break;
      }
    }
    for (const f of SYSTEM_META) delete m[f];
    delete m.managedFields;
    if (rt.subresources.includes("status") && rt.key !== R.nodes.key && rt.key !== R.pvs.key) {
      const s = initialStatus(rt, o);
      if (s === undefined) delete o.status;
      else o.status = s;
    }
    applyDefaults(rt, o);
    if (rt.key === R.pods.key || rt.key === R.pvcs.key) this.admission.mutate(rt, o, "CREATE");
    if (rt.key === R.pods.key) o.status = initialStatus(rt, o);
    // Objects made by the simulated control plane are trusted to be well-typed (selfCheck verifies).
    this.checkValid(rt, o, validateObject(rt, o), !opts.internal);
    this.admission.validate(rt, o, "CREATE");
    if (this.store.get(rt, namespace, m.name)) throw errors.alreadyExists(rt, m.name);
    const now = this.clock.now();
    m.uid = uuid();
    m.creationTimestamp = rfc3339(now);
    if (rt.generation) m.generation = 1;
    if (preset?.managedFields) m.managedFields = preset.managedFields;
    else if (!opts.internal) recordUpdate(rt, undefined, o, this.manager(opts), now);
    this.allocateOnCreate(rt, o);
    if (opts.dryRun) return o;
    return this.store.create(rt, o);
  }

  // ------------------------------------------------------------------------------------------
  // Update (PUT)

  replace(
    rt: ResourceType,
    namespace: string,
    name: string,
    body: unknown,
    opts: WriteOptions = {},
    subresource?: "status",
  ): Obj {
    const old = this.get(rt, namespace, name);
    const o = this.decode(rt, body);
    this.checkNamespace(rt, o, namespace);
    if (o.metadata.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(o.metadata.name)}) does not match the name on the URL (${name})`,
      );
    }
    const rv = o.metadata.resourceVersion;
    if (rv !== undefined && rv !== "" && rv !== old.metadata.resourceVersion) throw errors.conflict(rt, name);
    if (o.metadata.uid && o.metadata.uid !== old.metadata.uid) {
      throw errors.conflict(
        rt,
        name,
        `Precondition failed: UID in precondition: ${String(o.metadata.uid)}, ` +
          `UID in object meta: ${String(old.metadata.uid)}`,
      );
    }
    return this.commitUpdate(rt, old, this.mergeForWrite(rt, old, o, subresource), opts, subresource);
  }

  /** Keeps what the client may not change on this endpoint. */
  private mergeForWrite(rt: ResourceType, old: Obj, o: Obj, subresource?: string): Obj {
    let next: Obj;
    if (subresource === "status") {
      next = clone(old);
      if (o.status === undefined) delete next.status;
      else next.status = o.status;
      // The status endpoint also accepts label/annotation changes on some kinds; keep metadata.
    } else {
      next = o;
      if (rt.subresources.includes("status")) {
        if (old.status === undefined) delete next.status;
        else next.status = clone(old.status);
      }
    }
    next.metadata = { ...next.metadata };
    for (const f of SYSTEM_META) {
      if (old.metadata[f] === undefined) delete next.metadata[f];
      else next.metadata[f] = old.metadata[f];
    }
    next.metadata.name = old.metadata.name;
    if (rt.namespaced) next.metadata.namespace = old.metadata.namespace;
    if (next.metadata.managedFields === undefined && old.metadata.managedFields)
      next.metadata.managedFields = clone(old.metadata.managedFields);
    next.apiVersion = rt.apiVersion;
    next.kind = rt.kind;
    return next;
  }

  private commitUpdate(
    rt: ResourceType,
    old: Obj,
    next: Obj,
    opts: WriteOptions,
    subresource?: string,
    applied = false,
  ): Obj {
    if (subresource !== "status") applyDefaults(rt, next);
    // Namespaces keep their defaulting label even if a client drops it.
    this.checkValid(rt, next, subresource === "status" ? [] : validateUpdate(rt, next, old), !opts.internal);
    if (subresource !== "status") this.admission.validate(rt, next, "UPDATE", old);
    if (rt.generation && old.metadata.generation !== undefined) {
      next.metadata.generation = deepEqual(specOf(next), specOf(old))
        ? old.metadata.generation
        : old.metadata.generation + 1;
    }
    if (!applied && !opts.internal) recordUpdate(rt, old, next, this.manager(opts), this.clock.now(), subresource);
    return this.write(rt, old, next, opts.dryRun);
  }

  /** Stores `next` unless nothing changed; removes the object if it was waiting on finalizers. */
  private write(rt: ResourceType, old: Obj, next: Obj, dryRun?: boolean): Obj {
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    if (deepEqual(next, old)) return old;
    if (dryRun) return next;
    if (this.readyToRemove(rt, next)) {
      this.store.update(rt, next);
      return this.store.remove(rt, next.metadata.namespace ?? "", next.metadata.name) ?? next;
    }
    return this.store.update(rt, next);
  }

  private readyToRemove(rt: ResourceType, o: Obj): boolean {
    if (!o.metadata.deletionTimestamp) return false;
    if ((o.metadata.finalizers ?? []).length > 0) return false;
    if (rt.key === R.namespaces.key && (o.spec?.finalizers ?? []).length > 0) return false;
    // Pods are removed by the kubelet once their containers stopped.
    if (
      rt.key === R.pods.key &&
      o.spec?.nodeName &&
      !["Succeeded", "Failed"].includes(o.status?.phase) &&
      (o.metadata.deletionGracePeriodSeconds ?? 0) > 0
    )
      return false;
    return true;
  }

  /**
   * Trusted write by the simulated control plane (scheduler binding, kubelet status, controller
   * status, finalizer removal): no admission, no immutability rules, no managedFields.
   */
  internalUpdate(
    rt: ResourceType,
    namespace: string,
    name: string,
    mutate: (o: Obj) => false | undefined,
    scope: "deep" | "shallow" = "deep",
  ): Obj | undefined {
    const old = this.store.get(rt, namespace, name);
    if (!old) return undefined;
    // "shallow": only the top level, metadata's top level and status are copies; the mutator may
    // reassign any top-level field but must not change other nested objects (they are frozen).
    const next =
      scope === "deep"
        ? clone(old)
        : { ...old, metadata: { ...old.metadata }, ...(old.status !== undefined ? { status: clone(old.status) } : {}) };
    if (mutate(next) === false) return old;
    if (rt.generation && old.metadata.generation !== undefined && !deepEqual(specOf(next), specOf(old))) {
      next.metadata.generation = old.metadata.generation + 1;
    }
    return this.write(rt, old, next);
  }

  /**
   * Trusted status write: `compute` derives the new status from the current (frozen) object and
   * must not mutate it. Nothing is copied or written when the status is unchanged.
   */
  setStatus(
    rt: ResourceType,
    namespace: string,
    name: string,
    compute: (current: Obj) => Obj | undefined,
  ): Obj | undefined {
    const old = this.store.get(rt, namespace, name);
    if (!old) return undefined;
    const status = compute(old);
    if (status === undefined || deepEqual(status, old.status)) return old;
    return this.write(rt, old, { ...old, metadata: { ...old.metadata }, status });
  }

  // ------------------------------------------------------------------------------------------
  // Patch

  patch(
    rt: ResourceType,
    namespace: string,
    name: string,
    type: PatchType,
    raw: string,
    opts: PatchOptions = {},
    subresource?: "status",
  ): { object: Obj; created: boolean } {
    if (type !== "apply" && opts.force !== undefined) {
      throw errors.invalidOptions("PatchOptions", [
        {
          field: "force",
          reason: "FieldValueForbidden",
          message: "Forbidden: may not be specified for non-apply patch",
        },
      ]);
    }
    if (type === "strategic" && rt.custom) {
      throw errors.unsupportedMediaType(
        "the body of the request was in an unknown format - accepted media types include: " +
          "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
      );
    }
    if (type === "apply") return this.apply(rt, namespace, name, raw, opts, subresource);
    let patchBody: unknown;
    try {
      patchBody = JSON.parse(raw);
    } catch (e) {
      throw errors.badRequest(`error decoding patch: ${(e as Error).message}`);
    }
    const old = this.get(rt, namespace, name);
    let patched: Obj;
    if (type === "json") patched = applyJsonPatch(clone(old) as Obj, patchBody);
    else if (!isPlainObject(patchBody))
      throw errors.badRequest(
        "error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}",
      );
    else if (type === "merge") patched = applyMergePatch(clone(old), patchBody) as Obj;
    else patched = applyStrategicMergePatch(clone(old), patchBody) as Obj;
    if (!isPlainObject(patched.metadata)) throw errors.badRequest("metadata must be an object");
    const rv = patched.metadata.resourceVersion;
    if (rv !== undefined && rv !== old.metadata.resourceVersion) throw errors.conflict(rt, name);
    if (patched.metadata.uid !== undefined && patched.metadata.uid !== old.metadata.uid) {
      throw errors.conflict(
        rt,
        name,
        `Precondition failed: UID in precondition: ${String(patched.metadata.uid)}, ` +
          `UID in object meta: ${String(old.metadata.uid)}`,
      );
    }
    if (patched.metadata.name !== name)
      throw errors.badRequest(
        `the name of the object (${String(patched.metadata.name)}) does not match the name on the URL (${name})`,
      );
    this.checkTypeMeta(rt, patched);
    return {
      object: this.commitUpdate(rt, old, this.mergeForWrite(rt, old, patched, subresource), opts, subresource),
      created: false,
    };
  }

  private apply(
    rt: ResourceType,
    namespace: string,
    name: string,
    raw: string,
    opts: PatchOptions,
    subresource?: "status",
  ): { object: Obj; created: boolean } {
    if (!opts.fieldManager) {
      throw errors.invalidOptions("PatchOptions", [
        { field: "fieldManager", reason: "FieldValueRequired", message: "Required value: is required for apply patch" },
      ]);
    }
    if (opts.fieldManager.length > 128) {
      throw errors.invalidOptions("PatchOptions", [
        { field: "fieldManager", reason: "FieldValueTooLong", message: "Too long: may not be more than 128 bytes" },
      ]);
    }
    let config: unknown;
    try {
      config = parseYaml(raw);
    } catch (e) {
      throw errors.badRequest(`error decoding YAML: ${(e as Error).message}`);
    }
    if (!isPlainObject(config))
      throw errors.badRequest("error decoding YAML: the apply configuration must be an object");
    if (!config.apiVersion || !config.kind)
      throw errors.badRequest(
        `invalid object type: ${String(config.apiVersion ?? "")}, Kind=${String(config.kind ?? "")}`,
      );
    this.checkTypeMeta(rt, config);
    const meta = isPlainObject(config.metadata) ? config.metadata : {};
    if (meta.name !== undefined && meta.name !== name) {
      throw errors.badRequest(
        `the name of the object (${String(meta.name)}) does not match the name on the URL (${name})`,
      );
    }
    if (rt.namespaced && meta.namespace !== undefined && meta.namespace !== namespace) {
      throw errors.badRequest("the namespace of the provided object does not match the namespace sent on the request");
    }
    config.metadata = { ...meta, name, ...(rt.namespaced ? { namespace } : {}) };
    const old = this.store.get(rt, namespace, name);
    if (
      old &&
      config.metadata.resourceVersion !== undefined &&
      config.metadata.resourceVersion !== old.metadata.resourceVersion
    ) {
      throw errors.conflict(rt, name);
    }
    delete config.metadata.resourceVersion;
    const now = this.clock.now();
    if (!old) {
      if (subresource === "status") throw errors.notFound(rt, name);
      const merged = serverSideApply(rt, undefined, config, opts.fieldManager, Boolean(opts.force), now);
      const managedFields = merged.metadata.managedFields;
      return { object: this.create(rt, namespace, merged, opts, { managedFields }), created: true };
    }
    const merged = serverSideApply(rt, old, config, opts.fieldManager, Boolean(opts.force), now, subresource);
    const next = this.mergeForWrite(rt, old, merged, subresource);
    next.metadata.managedFields = merged.metadata.managedFields;
    return { object: this.commitUpdate(rt, old, next, opts, subresource, true), created: false };
  }

  // ------------------------------------------------------------------------------------------
  // Delete

  delete(rt: ResourceType, namespace: string, name: string, opts: DeleteOptions = {}): DeleteResult {
    const old = this.get(rt, namespace, name);
    const policy = this.propagationPolicy(opts);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== old.metadata.uid) {
      throw errors.conflict(
        rt,
        name,
        `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${String(old.metadata.uid)}`,
      );
    }
    if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
      throw errors.conflict(
        rt,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ` +
          `ResourceVersion in object meta: ${String(old.metadata.resourceVersion)}`,
      );
    }
    if (
      opts.gracePeriodSeconds !== undefined &&
      (!Number.isInteger(opts.gracePeriodSeconds) || opts.gracePeriodSeconds < 0)
    ) {
      throw errors.invalidOptions("DeleteOptions", [
        {
          field: "gracePeriodSeconds",
          message: `Invalid value: ${opts.gracePeriodSeconds}: must be greater than or equal to 0`,
        },
      ]);
    }
    const nowMs = this.clock.now();
    const next = clone(old);
    const m = next.metadata;
    const finalizers = new Set<string>((m.finalizers ?? []) as string[]);
    if (policy === "Foreground") finalizers.add("foregroundDeletion");
    if (policy === "Orphan") finalizers.add("orphan");
    if (policy === "Background") {
      finalizers.delete("foregroundDeletion");
    }

    // Pods on a node terminate gracefully: the kubelet removes them when their containers stopped.
    let graceful = false;
    if (rt.key === R.pods.key && old.spec?.nodeName && !["Succeeded", "Failed"].includes(old.status?.phase)) {
      const grace = opts.gracePeriodSeconds ?? old.spec?.terminationGracePeriodSeconds ?? 30;
      const current = m.deletionGracePeriodSeconds as number | undefined;
      if (grace > 0 && (current === undefined || grace < current)) {
        m.deletionGracePeriodSeconds = grace;
        m.deletionTimestamp = rfc3339(nowMs + grace * 1000);
        graceful = true;
      } else if (grace === 0) {
        m.deletionGracePeriodSeconds = 0;
        m.deletionTimestamp ??= rfc3339(nowMs);
      } else graceful = current !== undefined && current > 0;
    }
    if (rt.key === R.namespaces.key) {
      m.deletionTimestamp ??= rfc3339(nowMs);
      m.deletionGracePeriodSeconds ??= 0;
      next.status = { ...(next.status ?? {}), phase: "Terminating" };
      m.finalizers = finalizers.size > 0 ? [...finalizers] : undefined;
      if (!m.finalizers) delete m.finalizers;
      if (opts.dryRun) return { body: next, code: 200 };
      return { body: this.write(rt, old, next), code: 200 };
    }
    if (finalizers.size > 0 || graceful) {
      m.deletionTimestamp ??= rfc3339(nowMs);
      m.deletionGracePeriodSeconds ??= 0;
      if (finalizers.size > 0) m.finalizers = [...finalizers];
      if (opts.dryRun) return { body: next, code: 200 };
      const stored = this.write(rt, old, next);
      return { body: stored, code: policy === "Foreground" && opts.orphanDependents === false ? 202 : 200 };
    }
    if (opts.dryRun) return { body: old, code: 200 };
    const removed = this.store.remove(rt, namespace, name) ?? old;
    if (rt.key === R.pods.key) return { body: removed, code: 200 };
    return {
      body: successStatus({ name, ...(rt.group ? { group: rt.group } : {}), kind: rt.resource, uid: old.metadata.uid }),
      code: 200,
    };
  }

  deleteCollection(rt: ResourceType, namespace: string | undefined, list: ListOptions, opts: DeleteOptions): Obj {
    const result = this.list(rt, namespace, { labelSelector: list.labelSelector, fieldSelector: list.fieldSelector });
    const deleted: Obj[] = [];
    for (const item of result.items as Obj[]) {
      try {
        const r = this.delete(rt, item.metadata.namespace ?? "", item.metadata.name, opts);
        deleted.push(r.body.kind === "Status" ? item : r.body);
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 404)) throw e;
      }
    }
    return {
      kind: `${rt.kind}List`,
      apiVersion: rt.apiVersion,
      metadata: { resourceVersion: String(this.store.resourceVersion) },
      items: deleted.map(stripTypeMeta),
    };
  }

  private propagationPolicy(opts: DeleteOptions): string {
    if (opts.propagationPolicy !== undefined && opts.orphanDependents !== undefined) {
      throw errors.invalidOptions("DeleteOptions", [
        {
          field: "propagationPolicy",
          reason: "FieldValueInvalid",
          message:
            `Invalid value: "${opts.propagationPolicy}": ` +
            "orphanDependents and deletionPropagation cannot be both set",
        },
      ]);
    }
    if (opts.propagationPolicy !== undefined) {
      const allowed = ["Foreground", "Background", "Orphan"];
      if (!allowed.includes(opts.propagationPolicy)) {
        throw errors.invalidOptions("DeleteOptions", [
          {
            field: "propagationPolicy",
            reason: "FieldValueNotSupported",
            message:
              `Unsupported value: "${opts.propagationPolicy}": ` +
              'supported values: "Foreground", "Background", "Orphan", "nil"',
          },
        ]);
      }
      return opts.propagationPolicy;
    }
    if (opts.orphanDependents === true) return "Orphan";
    return "Background";
  }

  // ------------------------------------------------------------------------------------------
  // Scale subresource

  getScale(rt: ResourceType, namespace: string, name: string): Obj {
    const o = this.get(rt, namespace, name);
    let selector = "";
    try {
      selector = labelSelectorToString(fromLabelSelector(o.spec?.selector));
    } catch {
      selector = "";
    }
    return {
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name: o.metadata.name,
        namespace: o.metadata.namespace,
        uid: o.metadata.uid,
        resourceVersion: o.metadata.resourceVersion,
        creationTimestamp: o.metadata.creationTimestamp,
      },
      spec: { replicas: o.spec?.replicas ?? 0 },
      status: { replicas: o.status?.replicas ?? 0, selector },
    };
  }

  setScale(rt: ResourceType, namespace: string, name: string, scale: Obj, opts: WriteOptions): Obj {
    const replicas = scale?.spec?.replicas;
    if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid(
        { ...R.deployments, kind: "Scale", group: "autoscaling", qualified: "scale.autoscaling" },
        name,
        [{ field: "spec.replicas", message: `Invalid value: ${String(replicas)}: must be greater than or equal to 0` }],
      );
    }
    const old = this.get(rt, namespace, name);
    const rv = scale.metadata?.resourceVersion;
    if (rv && rv !== old.metadata.resourceVersion) throw errors.conflict(rt, name);
    const next = clone(old);
    next.spec.replicas = replicas;
    this.commitUpdate(rt, old, next, opts);
    return this.getScale(rt, namespace, name);
  }

  // ------------------------------------------------------------------------------------------

  private manager(opts: WriteOptions): string {
    return opts.fieldManager || managerFromUserAgent(opts.userAgent);
  }

  private checkTypeMeta(rt: ResourceType, o: Obj) {
    if (o.apiVersion !== undefined && o.apiVersion !== rt.apiVersion) {
      const [kind, version] = [String(o.kind ?? rt.kind), String(o.apiVersion)];
      throw errors.badRequest(
        `${kind} in version "${version}" cannot be handled as a ${rt.kind}: ` +
          `the API version in the data (${version}) does not match the expected API version (${rt.apiVersion})`,
      );
    }
    if (o.kind !== undefined && o.kind !== rt.kind) {
      const kind = String(o.kind);
      throw errors.badRequest(
        `${kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: ` +
          `no kind "${kind}" is registered for version "${rt.apiVersion}" in this endpoint`,
      );
    }
  }

  /** Turns a request body into an object of this type (the decoding step). */
  private decode(rt: ResourceType, body: unknown, copy = true): Obj {
    if (!isPlainObject(body)) throw errors.badRequest(`Object '${rt.kind}' is missing in 'null'`);
    this.checkTypeMeta(rt, body);
    const o = copy ? clone(body) : body;
    o.apiVersion = rt.apiVersion;
    o.kind = rt.kind;
    if (o.metadata === undefined || o.metadata === null) o.metadata = {};
    if (!isPlainObject(o.metadata))
      throw errors.badRequest(
        `${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: metadata must be an object`,
      );
    return o;
  }

  private checkNamespace(rt: ResourceType, o: Obj, namespace: string) {
    if (rt.namespaced) {
      if (o.metadata.namespace !== undefined && o.metadata.namespace !== "" && o.metadata.namespace !== namespace) {
        throw errors.badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      o.metadata.namespace = namespace;
    } else delete o.metadata.namespace;
  }

  private checkValid(rt: ResourceType, o: Obj, errs: FieldError[], schemaCheck = true) {
    unsupported(rt, o);
    const schema = schemaCheck ? schemaError(rt, o) : undefined;
    if (schema)
      throw errors.badRequest(`${rt.kind} in version "${rt.version}" cannot be handled as a ${rt.kind}: ${schema}`);
    if (errs.length > 0) throw errors.invalid(rt, o.metadata?.name ?? "", errs);
  }

  private allocateOnCreate(rt: ResourceType, o: Obj) {
    if (rt.key !== R.services.key) return;
    const s = o.spec;
    if (s.type !== "ExternalName") {
      if (s.clusterIP === undefined || s.clusterIP === "") s.clusterIP = this.ipam.serviceIp();
      s.clusterIPs = [s.clusterIP];
      if (s.clusterIP === "None") s.clusterIPs = ["None"];
    }
    if (s.type === "NodePort" || s.type === "LoadBalancer") {
      for (const p of (s.ports ?? []) as Obj[]) {
        if (p.nodePort === undefined) p.nodePort = this.ipam.nodePort();
        else if (!this.ipam.reserveNodePort(p.nodePort)) {
          throw errors.invalid(rt, o.metadata.name, [
            {
              field: "spec.ports[0].nodePort",
              message: `Invalid value: ${p.nodePort}: provided port is already allocated`,
            },
          ]);
        }
      }
    }
  }

  /** Self-check: every built-in object the server emits must pass the official schema. */
  checkOutput(rt: ResourceType, o: Obj) {
    const err = schemaError(rt, o.apiVersion ? o : { ...o, apiVersion: rt.apiVersion, kind: rt.kind });
    if (err)
      this.outputErrors.push({
        kind: rt.kind,
        name: `${o.metadata?.namespace ?? ""}/${o.metadata?.name ?? ""}`,
        error: err,
      });
  }
}

function stripTypeMeta(o: Obj): Obj {
  const { apiVersion: _a, kind: _k, ...rest } = o;
  void _a;
  void _k;
  return rest;
}

/** Valid Kubernetes the simulated cluster cannot honour: rejected (400) rather than ignored. */
function unsupported(rt: ResourceType, o: Obj) {
  if (rt.key === R.quotas.key && (o.spec?.scopes?.length || o.spec?.scopeSelector)) {
    throw errors.badRequest("ResourceQuota scopes and scopeSelector are not supported by the simulated cluster");
  }
}
