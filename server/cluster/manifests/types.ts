/** What every builder returns: a plain JSON object, ready for server-side apply. */
export interface ManifestMetadata {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: ManifestMetadata;
  [field: string]: unknown;
}

/**
 * Builders write against the typed kubernetes-models interfaces (so a misspelt field fails to compile,
 * which the runtime schemas would not catch: they allow unknown fields) and hand back the common shape.
 */
export function toObject<T extends { apiVersion: string; kind: string }>(
  typed: T & { metadata: ManifestMetadata },
): KubernetesObject {
  return typed as unknown as KubernetesObject;
}
