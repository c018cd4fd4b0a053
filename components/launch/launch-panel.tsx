"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { LiveDeploymentStatus } from "@/components/deployments/deployment-status";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/layout";
import { capacityKeys, launchCapacityQuery } from "@/lib/client/queries/capacity";
import { deploymentKeys } from "@/lib/client/queries/deployments";
import { failedWithoutData } from "@/lib/client/queries/state";
import { useServerAction } from "@/lib/client/use-server-action";
import { checkLaunchForm, initialFormValues } from "@/lib/skus/launch-values";
import type { LaunchFormField, SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { launchSku } from "@/server/actions/deployments/launch-sku";
import { CapacityNote } from "./capacity-note";
import { LaunchForm, LaunchPrice } from "./launch-form";
import { ClusterSelect, SshKeyField } from "./launch-target-fields";

type Option = { id: string; name: string };
type Props = {
  skuId: string;
  /** specForBrowser: this org's prices, no secret values. */
  spec: SkuSpec;
  overrides: SkuOverride[];
  fields: LaunchFormField[];
  projects: Option[];
  clusters: Option[];
};

/** A launch adds a deployment to the lists and takes GPUs from the quotas. */
const CHANGES = [deploymentKeys.lists(), capacityKeys.all];

/** A member's launch: where, what it is called, the SKU's open fields, then its price, quota and capacity. */
export function LaunchPanel({ skuId, spec, overrides, fields, projects, clusters }: Props) {
  const t = useTranslations("launch");
  const [form, setForm] = useState(() => initialFormValues(fields));
  const [name, setName] = useState(spec.basics.displayName);
  const [projectId, setProjectId] = useState(projects[0]?.id ?? "");
  const [clusterId, setClusterId] = useState(spec.placement.clusterId ?? clusters[0]?.id ?? "");
  const [sshPublicKey, setSshPublicKey] = useState("");
  const launch = useServerAction(launchSku, { invalidates: CHANGES });
  const capacity = useQuery(launchCapacityQuery(skuId));
  const check = checkLaunchForm(spec, overrides, fields, form);
  const unplaced = launch.otherFieldErrors(["name", "projectId", "clusterId", "sshPublicKey", ...check.shown]);

  if (launch.data) {
    return (
      <section aria-labelledby="launched" className="flex flex-col gap-3">
        <h2 id="launched" className="text-base font-semibold">
          {t("launched", { name })}
        </h2>
        <LiveDeploymentStatus deploymentId={launch.data.deploymentId} />
      </section>
    );
  }
  if (projects.length === 0) return <p className="text-sm text-fg-muted">{t("noProjects")}</p>;
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        launch.run({
          skuId,
          projectId,
          clusterId,
          name,
          values: check.values,
          ...(spec.kind === "dev-pod" ? { sshPublicKey } : {}),
        });
      }}
    >
      <TextField
        label={t("name")}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={launch.fieldError("name")}
        autoComplete="off"
        required
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label={t("project")}
          value={projectId}
          options={projects.map((p) => ({ value: p.id, label: p.name }))}
          onChange={(e) => setProjectId(e.target.value)}
          error={launch.fieldError("projectId")}
        />
        <ClusterSelect
          label={t("cluster")}
          clusters={clusters}
          value={clusterId}
          onChange={setClusterId}
          error={launch.fieldError("clusterId")}
          pinned={!!spec.placement.clusterId}
        />
      </div>
      <LaunchForm
        spec={spec}
        overrides={overrides}
        fields={fields}
        form={form}
        onChange={setForm}
        serverErrors={launch.fieldErrors}
        showPrice={false}
      />
      {spec.kind === "dev-pod" && (
        <SshKeyField
          label={t("sshPublicKey")}
          hint={t("sshPublicKeyHint")}
          value={sshPublicKey}
          onChange={setSshPublicKey}
          error={launch.fieldError("sshPublicKey")}
        />
      )}
      <LaunchPrice price={check.price} />
      <CapacityNote
        launched={check.launched}
        capacity={capacity.data}
        failed={failedWithoutData(capacity)}
        projectId={projectId}
        cluster={clusters.find((c) => c.id === clusterId)}
      />
      {launch.errorMessage && (
        <Alert tone="danger">{unplaced.length > 0 ? unplaced.join(" ") : launch.errorMessage}</Alert>
      )}
      <div>
        <Button
          type="submit"
          pending={launch.pending}
          disabled={Object.keys(check.fields).length > 0 || clusters.length === 0}
        >
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
