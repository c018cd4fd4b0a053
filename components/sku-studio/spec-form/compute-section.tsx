"use client";

import { useTranslations } from "next-intl";
import { SelectField } from "@/components/ui/field";
import type { GpuRequest } from "@/lib/skus/spec";
import { useSpecForm } from "./form-context";
import { NumberInput, Section, SelectInput, TextInput } from "./inputs";

const GPU = ["spec", "compute", "gpu"] as const;
const GPU_MODES = ["none", "whole", "mig", "dra"] as const;

/** Switching modes keeps the model and count where the new mode has them. */
function gpuInMode(
  mode: GpuRequest["mode"],
  current: Partial<{ model: string; count: number; profile: string }>,
): GpuRequest {
  if (mode === "none") return { mode };
  const model = current.model ?? "";
  const count = current.count ?? 1;
  return mode === "mig" ? { mode, model, profile: current.profile ?? "1g.10gb", count } : { mode, model, count };
}

export function ComputeSection() {
  const t = useTranslations("skuForm");
  const { read, write, errorOf } = useSpecForm();
  const gpu = (read(GPU) ?? { mode: "none" }) as GpuRequest;
  return (
    <Section title={t("sections.compute")}>
      <SelectField
        label={t("fields.gpuMode")}
        value={gpu.mode}
        options={GPU_MODES.map((mode) => ({ value: mode, label: t(`gpuModes.${mode}`) }))}
        error={errorOf([...GPU, "mode"])}
        onChange={(e) => write(GPU, gpuInMode(e.target.value as GpuRequest["mode"], gpu as never))}
      />
      {gpu.mode !== "none" && (
        <>
          <TextInput path={[...GPU, "model"]} label={t("fields.gpuModel")} hint={t("hints.gpuModel")} />
          {gpu.mode === "mig" && (
            <TextInput path={[...GPU, "profile"]} label={t("fields.migProfile")} hint={t("hints.migProfile")} />
          )}
          <NumberInput path={[...GPU, "count"]} label={t("fields.gpuCount")} />
        </>
      )}
      <NumberInput path={["spec", "compute", "cpu"]} label={t("fields.cpu")} />
      <NumberInput path={["spec", "compute", "memoryGiB"]} label={t("fields.memoryGiB")} />
      <NumberInput path={["spec", "compute", "ephemeralGiB"]} label={t("fields.ephemeralGiB")} />
      <NumberInput
        path={["spec", "compute", "persistentGiB"]}
        label={t("fields.persistentGiB")}
        hint={t("hints.persistentGiB")}
      />
    </Section>
  );
}

export function PlacementSection({ clusters }: { clusters: { id: string; name: string }[] }) {
  const t = useTranslations("skuForm");
  const P = ["spec", "placement"] as const;
  return (
    <Section title={t("sections.placement")}>
      <SelectInput
        path={[...P, "clusterId"]}
        label={t("fields.cluster")}
        hint={t("hints.cluster")}
        optional
        options={clusters.map((c) => ({ value: c.id, label: c.name }))}
      />
      <TextInput path={[...P, "nodePool"]} label={t("fields.nodePool")} optional />
      <TextInput path={[...P, "kaiQueue"]} label={t("fields.kaiQueue")} hint={t("hints.kaiQueue")} optional />
      <TextInput
        path={[...P, "runtimeClassName"]}
        label={t("fields.runtimeClassName")}
        hint={t("hints.runtimeClassName")}
        optional
      />
    </Section>
  );
}
