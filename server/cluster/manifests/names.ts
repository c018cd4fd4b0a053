import { SHORT_HASH_LENGTH, shortHash } from "./hash";

/**
 * Kubernetes names from user text. Rule for every encoder here: text that is already valid (and short
 * enough) is returned unchanged; anything else is sanitized, truncated and suffixed with a hash of the
 * *original* text, so two different inputs never silently land on the same name.
 */

export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Service names (and a few others) must also start with a letter. */
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

export function isDns1123Label(value: string): boolean {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}

export function isDns1035Label(value: string): boolean {
  return value.length <= 63 && DNS1035_LABEL.test(value);
}

export function isDns1123Subdomain(value: string): boolean {
  return value.length <= 253 && DNS1123_SUBDOMAIN.test(value) && value.split(".").every((part) => part.length <= 63);
}

export function isLabelValue(value: string): boolean {
  return value.length <= 63 && LABEL_VALUE.test(value);
}

/** A label or annotation key: `[prefix/]name`, prefix a DNS subdomain, name ≤ 63. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts.at(-1) ?? "";
  const prefix = parts.length === 2 ? parts[0]! : undefined;
  return name.length <= 63 && LABEL_NAME.test(name) && (prefix === undefined || isDns1123Subdomain(prefix));
}

/** Latin letters lose their accents ("café" → "cafe"); everything else is left for the callers to replace. */
function foldAccents(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "");
}

/** Lossy and hash-free: for readable prefixes whose uniqueness comes from elsewhere (e.g. an id). */
export function slugify(text: string, maxLength = 63): string {
  return trimToAlnum(
    foldAccents(text)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .slice(0, maxLength),
  );
}

function trimToAlnum(text: string): string {
  return text.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, "");
}

function withHash(stem: string, original: string): string {
  const hash = shortHash(original);
  return stem ? `${stem}-${hash}` : hash;
}

function assertRoom(maxLength: number, min: number): void {
  if (!Number.isInteger(maxLength) || maxLength < min) throw new RangeError(`maxLength must be an integer ≥ ${min}`);
}

/** Any text → a DNS-1123 label (≤ maxLength, [a-z0-9-], alphanumeric at both ends). */
export function dnsLabel(text: string, maxLength = 63): string {
  assertRoom(maxLength, SHORT_HASH_LENGTH + 2);
  if (text.length <= maxLength && DNS1123_LABEL.test(text)) return text;
  return withHash(slugify(text, maxLength - SHORT_HASH_LENGTH - 1), text);
}

/** Any text → a DNS-1035 label (a DNS-1123 label that starts with a letter), e.g. for Service names. */
export function dns1035Label(text: string, maxLength = 63): string {
  assertRoom(maxLength, SHORT_HASH_LENGTH + 4);
  if (text.length <= maxLength && DNS1035_LABEL.test(text)) return text;
  const named = withHash(slugify(text, maxLength - SHORT_HASH_LENGTH - 3), text);
  // "x-" keeps a leading digit (of the stem or of a bare hash) from breaking the first-letter rule.
  return /^[a-z]/.test(named) ? named : `x-${named}`;
}

/** Any text → a DNS-1123 subdomain (dot-separated labels, ≤ maxLength). */
export function dnsSubdomain(text: string, maxLength = 253): string {
  assertRoom(maxLength, SHORT_HASH_LENGTH + 2);
  if (isDns1123Subdomain(text) && text.length <= maxLength) return text;
  const labels = foldAccents(text)
    .toLowerCase()
    .split(".")
    // Each label keeps room for the hash, which is appended to the last one.
    .map((part) => slugify(part, 63 - SHORT_HASH_LENGTH - 1))
    .filter(Boolean);
  const stem = labels
    .join(".")
    .slice(0, maxLength - SHORT_HASH_LENGTH - 1)
    .replace(/[^a-z0-9]+$/, "");
  return withHash(stem, text);
}

/** Any text → a label value (≤ 63, `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, or empty). Case is kept. */
export function labelValue(text: string): string {
  if (isLabelValue(text)) return text;
  const sanitized = foldAccents(text).replace(/[^A-Za-z0-9._-]+/g, "-");
  return withHash(trimToAlnum(trimToAlnum(sanitized).slice(0, 63 - SHORT_HASH_LENGTH - 1)), text);
}

interface Tenant {
  orgSlug: string;
  projectSlug: string;
  /** Absent only in workload specs stored before namespaces were named by project id. */
  projectId?: string;
}

/** A database id as a namespace part: lowercase alphanumerics (cuid), so "p-<id>" fits in 63. */
const PROJECT_ID = /^[a-z0-9]{1,61}$/;
const PLAIN_SLUG = /^[a-z0-9]+$/;

/**
 * The project's namespace: `p-<project id>`. A project's id is unique and never changes, so two projects
 * never share a namespace, whatever their slugs (slugs are kept as the namespace's labels). An id has no
 * dash, so this name has exactly two dash-separated parts and never equals a legacy name, which has three
 * or more: workloads stored without a project id keep the namespace they were deployed in.
 */
export function namespaceFor(tenant: Tenant): string {
  if (tenant.projectId === undefined) return legacyNamespaceFor(tenant);
  if (!PROJECT_ID.test(tenant.projectId)) throw new RangeError("a project id must be 1-61 of [a-z0-9]");
  return `p-${tenant.projectId}`;
}

/**
 * The namespace of workloads stored before project ids named it: `p-<org>-<project>` when both slugs are
 * dash-free and it fits; otherwise `p-<org>-<project>-<hash of both>`, truncated. The plain form has
 * exactly three dash-separated parts and the hashed form at least four (so "a-b"/"c" ≠ "a"/"b-c"); the
 * hashed form tells tenants apart only by its 51-bit hash, which is why new workloads no longer use it.
 */
function legacyNamespaceFor({ orgSlug, projectSlug }: Tenant): string {
  const plain = `p-${orgSlug}-${projectSlug}`;
  if (PLAIN_SLUG.test(orgSlug) && PLAIN_SLUG.test(projectSlug) && plain.length <= 63) return plain;
  const hash = shortHash(JSON.stringify([orgSlug, projectSlug]));
  const room = 63 - "p-".length - 1 - SHORT_HASH_LENGTH - 1; // "<org>-<project>"
  const org = slugify(orgSlug, 24) || "x";
  const project = slugify(projectSlug, room - org.length - 1) || "x";
  return `p-${org}-${project}-${hash}`;
}
