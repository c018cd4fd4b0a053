"use client";

import { useTranslations } from "next-intl";
import { MODEL_ENGINES, type SkuKind } from "@/lib/skus/spec";
import { NumberInput, Section, SelectInput, TextInput } from "./inputs";

/** How users reach it: SSH for Developer Pods, HTTPS for apps (models go through the gateway). */
export function AccessSection({ kind }: { kind: SkuKind }) {
  const t = useTranslations("skuForm");
  if (kind === "model") return null;
  return (
    <Section title={t("sections.access")}>
      {kind === "dev-pod" ? (
        <TextInput path={["spec", "access", "ssh", "user"]} label={t("fields.sshUser")} />
      ) : (
        <>
          <TextInput
            path={["spec", "access", "https", "path"]}
            label={t("fields.httpsPath")}
            hint={t("hints.httpsPath")}
          />
          <SelectInput
            path={["spec", "access", "https", "auth"]}
            label={t("fields.httpsAuth")}
            options={[
              { value: "portal", label: t("httpsAuth.portal") },
              { value: "app", label: t("httpsAuth.app") },
            ]}
          />
        </>
      )}
    </Section>
  );
}

export function ModelSection() {
  const t = useTranslations("skuForm");
  const M = ["spec", "model"] as const;
  return (
    <Section title={t("sections.model")}>
      <SelectInput
        path={[...M, "engine"]}
        label={t("fields.engine")}
        options={MODEL_ENGINES.map((engine) => ({ value: engine, label: t(`engines.${engine}`) }))}
      />
      <TextInput path={[...M, "modelName"]} label={t("fields.modelName")} hint={t("hints.modelName")} />
      <TextInput
        path={[...M, "servedModelName"]}
        label={t("fields.servedModelName")}
        hint={t("hints.servedModelName")}
      />
      <NumberInput path={[...M, "replicas", "min"]} label={t("fields.replicasMin")} />
      <NumberInput path={[...M, "replicas", "max"]} label={t("fields.replicasMax")} />
    </Section>
  );
}

export function PoliciesSection() {
  const t = useTranslations("skuForm");
  const P = ["spec", "policies"] as const;
  return (
    <Section title={t("sections.policies")}>
      <NumberInput path={[...P, "maxRuntimeHours"]} label={t("fields.maxRuntimeHours")} hint={t("hints.optional")} />
      <NumberInput path={[...P, "idleStopMinutes"]} label={t("fields.idleStopMinutes")} hint={t("hints.optional")} />
      <NumberInput path={[...P, "maxPerUser"]} label={t("fields.maxPerUser")} hint={t("hints.optional")} />
      <NumberInput path={[...P, "maxPerOrg"]} label={t("fields.maxPerOrg")} hint={t("hints.optional")} />
    </Section>
  );
}
