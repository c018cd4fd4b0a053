import { AppError } from "@/server/errors";
import { portalKey } from "@/server/security/portal-key";
import { open, seal, sealedFor } from "@/server/security/secret-box";

/** A deployment's secret variables, sealed for its row alone (null when it has none). */
export function sealSecretEnv(deploymentId: string, secretEnv: Record<string, string>): string | null {
  if (Object.keys(secretEnv).length === 0) return null;
  const key = portalKey();
  if (!key) throw new AppError("validation", { _: { key: "secretsKeyMissing" } });
  return seal(JSON.stringify(secretEnv), key, sealedFor.deploymentSecrets(deploymentId));
}

/** How the controller opens them: a cipher copied from another deployment's row fails to open. */
export function secretEnvOpener(key: Buffer) {
  return (cipher: string, deploymentId: string) =>
    JSON.parse(open(cipher, key, sealedFor.deploymentSecrets(deploymentId))) as Record<string, string>;
}
