"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { checkCluster } from "@/server/actions/clusters/check-cluster";
import { registerCluster } from "@/server/actions/clusters/register-cluster";

export function CheckClusterButton({ clusterId, name }: { clusterId: string; name: string }) {
  const t = useTranslations("admin.fleet");
  const check = useServerAction(checkCluster, { invalidates: "page" });
  return (
    <div className="flex flex-col gap-1">
      <Button
        variant="secondary"
        pending={check.pending}
        aria-label={t("checkNamed", { name })}
        onClick={() => check.run({ clusterId })}
      >
        {t("check")}
      </Button>
      {check.errorMessage && (
        <p role="alert" className="text-xs text-danger">
          {/* A stored kubeconfig refused as it loads says which entry is at fault. */}
          {check.fieldError("kubeconfig") ?? check.errorMessage}
        </p>
      )}
    </div>
  );
}

/** The kubeconfig is sent once, sealed on the server, and never shown again. */
export function RegisterClusterForm() {
  const t = useTranslations("admin.fleet");
  const [name, setName] = useState("");
  const [kubeconfig, setKubeconfig] = useState("");
  const register = useServerAction(registerCluster, {
    invalidates: "page",
    onSuccess: () => {
      setName("");
      setKubeconfig("");
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    register.run({ connection: "KUBECONFIG", name, kubeconfig });
  }

  return (
    <form onSubmit={submit} className="flex max-w-2xl flex-col gap-4" noValidate>
      <TextField
        label={t("name")}
        hint={t("nameHint")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={register.fieldError("name")}
        autoComplete="off"
      />
      <div className="flex flex-col gap-1">
        <label htmlFor="kubeconfig" className="text-sm font-medium">
          {t("kubeconfig")}
        </label>
        <textarea
          id="kubeconfig"
          rows={8}
          spellCheck={false}
          autoComplete="off"
          value={kubeconfig}
          onChange={(e) => setKubeconfig(e.target.value)}
          aria-describedby="kubeconfig-hint"
          aria-invalid={!!register.fieldError("kubeconfig") || undefined}
          className="rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs"
        />
        <p id="kubeconfig-hint" className="text-xs text-fg-muted">
          {t("kubeconfigHint")}
        </p>
        {register.fieldError("kubeconfig") && (
          <p className="text-xs text-danger">{register.fieldError("kubeconfig")}</p>
        )}
      </div>
      {register.errorMessage && <Alert tone="danger">{register.errorMessage}</Alert>}
      {register.succeeded && <Alert tone="success">{t("registered")}</Alert>}
      <div>
        <Button type="submit" pending={register.pending}>
          {t("register")}
        </Button>
      </div>
    </form>
  );
}
