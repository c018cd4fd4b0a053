import { z } from "zod";
import type { ValidationKey } from "@/lib/errors";
import { addFieldIssue, errorKey } from "./field-errors";

/**
 * A parsed kubeconfig the portal may connect with: inline credentials only. Nothing in it may run a
 * program (exec, auth-provider: the gcp and oidc providers call commands or issuers of the file's choosing)
 * or read the portal's files (tokenFile and certificate or key paths: the client reads a token file while
 * loading and would send it as a bearer token to the file's server). TLS verification stays on: the
 * credentials are a cluster admin's. The output keeps only the fields checked here.
 */

const LIMIT = 64 * 1024;
const text = z.string(errorKey("invalid")).max(LIMIT, errorKey("tooLong"));
const entryName = z.string(errorKey("invalid")).min(1, errorKey("required")).max(253, errorKey("tooLong"));

// Inline credentials: a token, a client certificate and key, or basic auth (also inline, and runs
// nothing; API servers that dropped it refuse it themselves). `as` impersonates, a header.
const USER_FIELDS = {
  token: text.optional(),
  "client-certificate-data": text.optional(),
  "client-key-data": text.optional(),
  username: text.optional(),
  password: text.optional(),
  as: text.optional(),
};
const url = (protocol: RegExp) => z.url({ ...errorKey("invalid"), protocol }).max(2048, errorKey("tooLong"));
const CLUSTER_FIELDS = {
  server: url(/^https?$/),
  "certificate-authority-data": text.optional(),
  "tls-server-name": text.optional(),
  "proxy-url": url(/^(https?|socks5)$/).optional(),
  "insecure-skip-tls-verify": z.boolean(errorKey("invalid")).optional(),
};
/** Metadata that changes nothing about how the portal connects: accepted and dropped. */
const IGNORED_FIELDS = ["extensions", "disable-compression"];

const USER_REFUSALS: Record<string, ValidationKey> = {
  exec: "kubeconfigPlugin",
  "auth-provider": "kubeconfigPlugin",
  tokenFile: "kubeconfigUserFile",
  "token-file": "kubeconfigUserFile",
  "client-certificate": "kubeconfigUserFile",
  "client-key": "kubeconfigUserFile",
};
const CLUSTER_REFUSALS: Record<string, ValidationKey> = { "certificate-authority": "kubeconfigClusterFile" };

type Fields = Record<string, unknown>;

/** Every field outside the allowed ones is an issue naming the entry and the field. */
function refuseOthers(ctx: z.RefinementCtx, at: string, entry: { name: string; fields: Fields }, allowed: Fields) {
  const refusals = at === "user" ? USER_REFUSALS : CLUSTER_REFUSALS;
  for (const field of Object.keys(entry.fields)) {
    if (Object.hasOwn(allowed, field) || IGNORED_FIELDS.includes(field)) continue;
    addFieldIssue(ctx, [at, field], refusals[field] ?? "kubeconfigUnsupported", { name: entry.name, field });
  }
}

const pick = (fields: Fields, allowed: Fields) => Object.fromEntries(Object.keys(allowed).map((k) => [k, fields[k]]));

const userEntry = z
  .object({ name: entryName, user: z.looseObject(USER_FIELDS).nullish() })
  .superRefine(({ name, user }, ctx) => refuseOthers(ctx, "user", { name, fields: user ?? {} }, USER_FIELDS))
  .transform(({ name, user }) => ({ name, user: pick(user ?? {}, USER_FIELDS) }));

const clusterEntry = z
  .object({ name: entryName, cluster: z.looseObject(CLUSTER_FIELDS) })
  .superRefine(({ name, cluster }, ctx) => {
    refuseOthers(ctx, "cluster", { name, fields: cluster }, CLUSTER_FIELDS);
    if (cluster["insecure-skip-tls-verify"] === true)
      addFieldIssue(ctx, ["cluster", "insecure-skip-tls-verify"], "kubeconfigInsecure", { name });
  })
  .transform(({ name, cluster }) => ({ name, cluster: pick(cluster, CLUSTER_FIELDS) }));

const contextEntry = z.object({
  name: entryName,
  context: z.object({ cluster: entryName, user: entryName, namespace: text.optional() }),
});

const list = <T extends z.ZodType>(entry: T) =>
  z
    .array(entry, errorKey("invalid"))
    .max(100, errorKey("tooMany"))
    .nullish()
    .transform((v) => v ?? []);

export const kubeconfigDocumentSchema = z.object(
  {
    clusters: list(clusterEntry),
    users: list(userEntry),
    contexts: list(contextEntry),
    "current-context": entryName.optional(),
  },
  errorKey("kubeconfig"),
);
