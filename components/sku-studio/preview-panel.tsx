"use client";

import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { type AbstractIntlMessages, NextIntlClientProvider, useTranslations } from "next-intl";
import { useState } from "react";
import { CapacityNote } from "@/components/launch/capacity-note";
import { LaunchForm } from "@/components/launch/launch-form";
import { ClusterSelect, SshKeyField } from "@/components/launch/launch-target-fields";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";
import { capacityKeys, sandboxCapacityQuery } from "@/lib/client/queries/capacity";
import { deploymentKeys } from "@/lib/client/queries/deployments";
import { failedWithoutData } from "@/lib/client/queries/state";
import { useServerAction } from "@/lib/client/use-server-action";
import { checkLaunchForm, initialFormValues } from "@/lib/skus/launch-values";
import type { LaunchFormField, SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { testLaunchSku } from "@/server/actions/skus/test-launch-sku";

type Props = {
  skuId: string;
  version: { id: string; number: number };
  /** Without secret values. */
  spec: SkuSpec;
  overrides: SkuOverride[];
  fields: LaunchFormField[];
  messages: { locale: string; messages: AbstractIntlMessages; choices: { value: string; label: string }[] };
  clusters: { id: string; name: string }[];
};

/** A test launch adds a test launch to the list and takes GPUs from the sandbox's quota. */
const CHANGES = [deploymentKeys.lists(), capacityKeys.all];

/**
 * The launch form users will get, in the language chosen for the preview, and the admin's test launch
 * of this version with the values filled in there.
 */
export function PreviewPanel({ skuId, version, spec, overrides, fields, messages: preview, clusters }: Props) {
  const t = useTranslations("skuStudio");
  const router = useRouter();
  const pathname = usePathname();
  const [form, setForm] = useState(() => initialFormValues(fields));
  const [clusterId, setClusterId] = useState(spec.placement.clusterId ?? clusters[0]?.id ?? "");
  const [sshPublicKey, setSshPublicKey] = useState("");
  const launch = useServerAction(testLaunchSku, { invalidates: CHANGES });
  const sandbox = useQuery(sandboxCapacityQuery(skuId));
  const check = checkLaunchForm(spec, overrides, fields, form);
  const unplaced = launch.otherFieldErrors(["clusterId", "sshPublicKey", ...check.shown]);

  return (
    <div className="flex flex-col gap-6">
      <SelectField
        label={t("previewLanguage")}
        value={preview.locale}
        options={preview.choices}
        onChange={(e) => router.replace(`${pathname}?preview=${encodeURIComponent(e.target.value)}`, { scroll: false })}
      />
      <div
        lang={preview.locale}
        className="rounded-md border border-dashed border-border p-4"
        data-testid="launch-preview"
      >
        <NextIntlClientProvider locale={preview.locale} messages={preview.messages} timeZone="UTC">
          <LaunchForm
            spec={spec}
            overrides={overrides}
            fields={fields}
            form={form}
            onChange={setForm}
            serverErrors={launch.fieldErrors}
          />
        </NextIntlClientProvider>
      </div>
      <section aria-labelledby="test-launch-title" className="flex flex-col gap-3">
        <h3 id="test-launch-title" className="text-sm font-semibold">
          {t("testLaunchTitle")}
        </h3>
        <p className="text-xs text-fg-muted">{t("testLaunchHint")}</p>
        {clusters.length === 0 ? (
          <p className="text-sm text-fg-muted">{t("noClusters")}</p>
        ) : (
          <ClusterSelect
            label={t("cluster")}
            clusters={clusters}
            value={clusterId}
            onChange={setClusterId}
            error={launch.fieldError("clusterId")}
            pinned={!!spec.placement.clusterId}
          />
        )}
        {spec.kind === "dev-pod" && (
          <SshKeyField
            label={t("sshPublicKey")}
            hint={t("sshPublicKeyHint")}
            value={sshPublicKey}
            onChange={setSshPublicKey}
            error={launch.fieldError("sshPublicKey")}
          />
        )}
        {sandbox.data !== null && (
          <CapacityNote
            launched={check.launched}
            capacity={sandbox.data?.capacity}
            failed={failedWithoutData(sandbox)}
            projectId={sandbox.data?.projectId ?? ""}
            cluster={clusters.find((c) => c.id === clusterId)}
          />
        )}
        {launch.errorMessage && (
          <Alert tone="danger">{unplaced.length > 0 ? unplaced.join(" ") : launch.errorMessage}</Alert>
        )}
        <div>
          <Button
            pending={launch.pending}
            disabled={clusters.length === 0 || Object.keys(check.fields).length > 0}
            onClick={() =>
              launch.run({
                versionId: version.id,
                clusterId,
                values: check.values,
                ...(spec.kind === "dev-pod" ? { sshPublicKey } : {}),
              })
            }
          >
            {t("testLaunch")}
          </Button>
        </div>
      </section>
    </div>
  );
}
