/**
 * Label selectors (the string grammar of `?labelSelector=` and the structured LabelSelector of
 * workloads) and field selectors, with the error messages kube-apiserver uses.
 */
import { errors } from "./status.ts";
import type { Obj } from "./store.ts";

type LabelOp = "=" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";
interface LabelRequirement {
  key: string;
  op: LabelOp;
  values: string[];
}
export type LabelSelector = LabelRequirement[];

const KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

// kube-apiserver's messages for a key that fails KEY_RE (it names the name part) and a value that fails VALUE_RE.
const NAME_PART_MESSAGE =
  "name part must consist of alphanumeric characters, '-', '_' or '.', " +
  "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', " +
  "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', " +
  "and must start and end with an alphanumeric character";

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

function checkKey(key: string, raw: string) {
  if (!KEY_RE.test(key) || key.length > 316) {
    throw errors.badRequest(
      `unable to parse requirement: <nil>: Invalid value: "${key}": ${NAME_PART_MESSAGE} (in "${raw}")`,
    );
  }
}

function checkValue(value: string, raw: string) {
  if (!VALUE_RE.test(value) || value.length > 63) {
    throw errors.badRequest(
      `unable to parse requirement: values[0][${value}]: ` +
        `Invalid value: "${value}": ${LABEL_VALUE_MESSAGE} (in "${raw}")`,
    );
  }
}

const SET_REQUIREMENT = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/;
const NOT_EXISTS_REQUIREMENT = /^!\s*(\S+)$/;
const COMPARISON_REQUIREMENT = /^([^=!<>\s]+)\s*(==|=|!=|<|>)\s*(\S*)$/;
const EXISTS_REQUIREMENT = /^([^=!<>\s()]+)$/;

function parseComparison(key: string, op: string, value: string, input: string): LabelRequirement {
  if (op === "<" || op === ">") {
    if (!/^-?\d+$/.test(value))
      throw errors.badRequest(
        `unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer (in "${input}")`,
      );
    return { key, op: op === ">" ? "gt" : "lt", values: [value] };
  }
  checkValue(value, input);
  return { key, op: op === "!=" ? "!=" : "=", values: [value] };
}

/** One requirement of a selector string (`input`, for the error messages). */
function parseRequirement(part: string, input: string): LabelRequirement {
  let m = SET_REQUIREMENT.exec(part);
  if (m) {
    const key = m[1]!;
    checkKey(key, input);
    const values = m[3]!.split(",").map((v) => v.trim());
    for (const v of values) checkValue(v, input);
    // "in ()" (one empty value) is accepted by the real parser and matches nothing.
    return { key, op: m[2] as LabelOp, values };
  }
  m = NOT_EXISTS_REQUIREMENT.exec(part);
  if (m) {
    checkKey(m[1]!, input);
    return { key: m[1]!, op: "!", values: [] };
  }
  m = COMPARISON_REQUIREMENT.exec(part);
  if (m) {
    checkKey(m[1]!, input);
    return parseComparison(m[1]!, m[2]!, m[3]!, input);
  }
  m = EXISTS_REQUIREMENT.exec(part);
  if (m) {
    checkKey(m[1]!, input);
    return { key: m[1]!, op: "exists", values: [] };
  }
  throw errors.badRequest(`unable to parse requirement: found '${part}', expected: identifier (in "${input}")`);
}

export function parseLabelSelector(input: string | undefined | null): LabelSelector {
  if (!input?.trim()) return [];
  const reqs: LabelRequirement[] = [];
  for (const rawPart of splitTopLevel(input)) {
    const part = rawPart.trim();
    if (!part) throw errors.badRequest(`unable to parse requirement: found '', expected: identifier`);
    reqs.push(parseRequirement(part, input));
  }
  return reqs;
}

/** Converts a metav1.LabelSelector (matchLabels / matchExpressions) to requirements. */
export function fromLabelSelector(
  sel:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: { key: string; operator: string; values?: string[] }[];
      }
    | undefined
    | null,
): LabelSelector {
  if (!sel) return [];
  const reqs: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, op: "=", values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const op = ({ In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!" } as Record<string, LabelOp>)[
      e.operator
    ];
    if (!op) throw new Error(`"${e.operator}" is not a valid label selector operator`);
    reqs.push({ key: e.key, op, values: e.values ?? [] });
  }
  return reqs;
}

export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined | null): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.hasOwn(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case "=":
        if (!has || v !== r.values[0]) return false;
        break;
      case "!=":
        if (has && v === r.values[0]) return false;
        break;
      case "in":
        if (!has || !r.values.includes(v!)) return false;
        break;
      case "notin":
        if (has && r.values.includes(v!)) return false;
        break;
      case "exists":
        if (!has) return false;
        break;
      case "!":
        if (has) return false;
        break;
      case "gt":
      case "lt": {
        if (!has || !/^-?\d+$/.test(v!)) return false;
        const a = Number(v);
        const b = Number(r.values[0]);
        if (r.op === "gt" ? !(a > b) : !(a < b)) return false;
        break;
      }
    }
  }
  return true;
}

/** Equality requirements that can be answered from a label index (key=value). */
export function indexableTerms(sel: LabelSelector): string[][] {
  const terms: string[][] = [];
  for (const r of sel) {
    if (r.op === "=") terms.push([`${r.key}=${r.values[0]}`]);
    else if (r.op === "in") terms.push(r.values.map((v) => `${r.key}=${v}`));
  }
  return terms;
}

function requirementToString(r: LabelRequirement): string {
  switch (r.op) {
    case "=":
      return `${r.key}=${r.values[0]}`;
    case "!=":
      return `${r.key}!=${r.values[0]}`;
    case "in":
    case "notin":
      return `${r.key} ${r.op} (${r.values.join(",")})`;
    case "exists":
      return r.key;
    case "!":
      return `!${r.key}`;
    case "gt":
      return `${r.key}>${r.values[0]}`;
    case "lt":
      return `${r.key}<${r.values[0]}`;
  }
}

export function labelSelectorToString(sel: LabelSelector): string {
  return sel.map(requirementToString).join(",");
}

// ---------------------------------------------------------------------------------------------
// Field selectors

interface FieldRequirement {
  field: string;
  op: "=" | "!=";
  value: string;
}

function unescapeFieldValue(v: string): string {
  return v.replace(/\\([\\,=])/g, "$1");
}

/** Splits on unescaped commas. */
function splitFields(s: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === "\\" && i + 1 < s.length) {
      cur += ch + s[i + 1];
      i++;
    } else if (ch === ",") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

export function parseFieldSelector(input: string | undefined | null): FieldRequirement[] {
  if (!input?.trim()) return [];
  const out: FieldRequirement[] = [];
  for (const raw of splitFields(input)) {
    const part = raw.trim();
    const m = /^([^=!]+?)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (!m) throw errors.badRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    out.push({ field: m[1]!.trim(), op: m[2] === "!=" ? "!=" : "=", value: unescapeFieldValue(m[3]!) });
  }
  return out;
}

type Getter = (o: Obj) => string | undefined;
const COMMON: Record<string, Getter> = {
  "metadata.name": (o) => o.metadata?.name,
  "metadata.namespace": (o) => o.metadata?.namespace ?? "",
};
const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** Field labels each resource supports, as in kube-apiserver (anything else is a 400). */
const FIELDS: Record<string, Record<string, Getter>> = {
  "/pods": {
    "spec.nodeName": (o) => str(o.spec?.nodeName),
    "spec.restartPolicy": (o) => str(o.spec?.restartPolicy),
    "spec.schedulerName": (o) => str(o.spec?.schedulerName),
    "spec.serviceAccountName": (o) => str(o.spec?.serviceAccountName),
    "spec.hostNetwork": (o) => String(Boolean(o.spec?.hostNetwork)),
    "status.phase": (o) => str(o.status?.phase),
    "status.podIP": (o) => str(o.status?.podIP),
    "status.nominatedNodeName": (o) => str(o.status?.nominatedNodeName),
  },
  "/events": {
    "involvedObject.kind": (o) => str(o.involvedObject?.kind),
    "involvedObject.namespace": (o) => str(o.involvedObject?.namespace),
    "involvedObject.name": (o) => str(o.involvedObject?.name),
    "involvedObject.uid": (o) => str(o.involvedObject?.uid),
    "involvedObject.apiVersion": (o) => str(o.involvedObject?.apiVersion),
    "involvedObject.resourceVersion": (o) => str(o.involvedObject?.resourceVersion),
    "involvedObject.fieldPath": (o) => str(o.involvedObject?.fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(o.source?.component),
    type: (o) => str(o.type),
  },
  "/nodes": { "spec.unschedulable": (o) => String(Boolean(o.spec?.unschedulable)) },
  "/namespaces": { "status.phase": (o) => str(o.status?.phase) },
  "/secrets": { type: (o) => str(o.type) },
  "/persistentvolumes": { name: (o) => o.metadata?.name },
  "apps/replicasets": { "status.replicas": (o) => str(o.status?.replicas ?? 0) },
};

export interface CompiledFieldSelector {
  requirements: FieldRequirement[];
  matches(o: Obj): boolean;
}

export function compileFieldSelector(
  resourceKey: string,
  resourceName: string,
  reqs: FieldRequirement[],
): CompiledFieldSelector {
  const getters: Getter[] = reqs.map((r) => {
    const g = COMMON[r.field] ?? FIELDS[resourceKey]?.[r.field];
    if (!g) {
      throw errors.badRequest(`field label not supported: ${r.field}`);
    }
    return g;
  });
  void resourceName;
  return {
    requirements: reqs,
    matches(o) {
      for (let i = 0; i < reqs.length; i++) {
        const v = getters[i]!(o) ?? "";
        const r = reqs[i]!;
        if (r.op === "=" ? v !== r.value : v === r.value) return false;
      }
      return true;
    },
  };
}
