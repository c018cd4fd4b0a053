import { KubeConfig } from "@kubernetes/client-node";
import { parse } from "yaml";
import type { FieldError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/validation/field-errors";
import { kubeconfigDocumentSchema } from "@/lib/validation/kubeconfig";
import { AppError } from "@/server/errors";

const unreadable = () => new AppError("validation", { kubeconfig: { key: "kubeconfig" } });

/** The first problem that names an entry, else "unreadable": what the form shows under the field. */
function summaryOf(fields: Record<string, FieldError>): FieldError {
  return Object.values(fields).find((f) => f.key.startsWith("kubeconfig")) ?? { key: "kubeconfig" };
}

/**
 * A kubeconfig the portal may connect with (lib/validation/kubeconfig.ts: inline credentials only), checked
 * before the client library sees it: the library reads token files while loading. It is given only the
 * checked fields, as JSON, so its own YAML parser cannot read the text differently. Used at registration and
 * again whenever a stored kubeconfig is loaded (rows may predate these checks). Errors: `kubeconfig` holds the
 * first problem, and each problem is also under its path (`kubeconfig.users.0.user.exec`).
 */
export function inlineKubeConfig(text: string): KubeConfig {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch {
    throw unreadable();
  }
  const checked = kubeconfigDocumentSchema.safeParse(raw);
  if (!checked.success) {
    const fields = fieldErrorsOf(checked.error, ["kubeconfig"]);
    throw new AppError("validation", { kubeconfig: summaryOf(fields), ...fields });
  }
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromString(JSON.stringify(checked.data));
  } catch {
    throw unreadable();
  }
  if (!kubeConfig.getCurrentCluster()?.server)
    throw new AppError("validation", { kubeconfig: { key: "kubeconfigContext" } });
  return kubeConfig;
}
