import path from "node:path";
import { z } from "zod";

// Every setting the portal reads from the environment, validated once.
// An empty variable counts as unset (as in `DATABASE_URL= npm start`).
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const envSchema = z.object({
  DATABASE_URL: optional(z.string().url()),
  PORTICO_DATA_DIR: z.string().default(".data"),
  PORTICO_DEFAULT_LOCALE: z.string().default("en"),
  OIDC_ISSUER: optional(z.string().url()),
  OIDC_CLIENT_ID: optional(z.string()),
  OIDC_CLIENT_SECRET: optional(z.string()),
  OIDC_NAME: z.string().default("SSO"),
  /** 32 bytes, base64: seals kubeconfigs at rest. `npm start` generates one into the data folder. */
  PORTICO_ENCRYPTION_KEY: optional(z.string()),
  /**
   * Who may tell the portal a client's address through X-Forwarded-For: this many proxies in front of
   * it, and/or proxies at these addresses or CIDRs. None by default: the socket's peer is the client.
   */
  PORTICO_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PORTICO_TRUSTED_PROXIES: optional(z.string()),
  /** "simulated" (default) runs the built-in simulated GPU cluster; "none" registers no cluster. */
  PORTICO_CLUSTER: z.enum(["simulated", "none"]).default("simulated"),
  /** Apps are served at https://<name>.<this domain> (a wildcard DNS record and certificate). */
  PORTICO_APPS_DOMAIN: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/)
    .default("apps.portico.localhost"),
});

export type Config = z.infer<typeof envSchema> & { pgliteDir: string };

let cached: Config | undefined;

export function config(): Config {
  if (!cached) {
    const env = envSchema.parse(process.env);
    cached = { ...env, pgliteDir: path.resolve(env.PORTICO_DATA_DIR, "pglite") };
  }
  return cached;
}

export function oidcConfig() {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_NAME } = config();
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET) return null;
  return { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, clientSecret: OIDC_CLIENT_SECRET, name: OIDC_NAME };
}
