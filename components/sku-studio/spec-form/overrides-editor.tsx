"use client";

import { useTranslations } from "next-intl";
import { fieldLabel } from "@/components/launch/field-label";
import { SelectField, TextField } from "@/components/ui/field";
import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import {
  envNameOf,
  NUMERIC_OVERRIDE_PATHS,
  type OverridablePath,
  readPath,
  TEXT_OVERRIDE_PATHS,
  valueTypeOf,
} from "@/lib/skus/spec-paths";
import { useSpecForm } from "./form-context";
import { NumberInput, Section, SelectInput, TextInput } from "./inputs";
import { ListEditor } from "./list-editor";

const CONTROLS = { number: ["range", "choices"], text: ["choices", "pattern"], secret: ["pattern"] } as const;

/** Secrets take a pattern only: a list of choices would show their values to every user. */
const isSecretPath = (spec: SkuSpec, path: OverridablePath) => {
  const name = envNameOf(path);
  return name !== undefined && spec.container.env.some((e) => e.name === name && e.secret);
};
const controlsFor = (spec: SkuSpec, path: OverridablePath) =>
  CONTROLS[isSecretPath(spec, path) ? "secret" : valueTypeOf(path)];

/** The fields this spec has that users could be allowed to change. */
function openablePaths(spec: SkuSpec): OverridablePath[] {
  const fixed = [...NUMERIC_OVERRIDE_PATHS, ...TEXT_OVERRIDE_PATHS].filter(
    (path) => readPath(spec, path) !== undefined,
  );
  return [...fixed, ...spec.container.env.filter((e) => e.name).map((e) => `env.${e.name}` as const)];
}

/** A sound starting point for a control: the spec's current value is always within it. */
function newOverride(
  spec: SkuSpec,
  path: OverridablePath,
  control: SkuOverride["control"],
  condition?: SkuOverride["condition"],
): SkuOverride {
  const value = readPath(spec, path);
  const base = { path, ...(condition ? { condition } : {}) };
  if (control === "range") {
    const n = typeof value === "number" ? value : 1;
    return { ...base, control, min: n, max: n, step: Number.isInteger(n) ? 1 : 0.25 };
  }
  if (control === "choices") return { ...base, control, choices: value === undefined ? [] : [value] };
  return { ...base, control, pattern: "^.+$", patternMessageKey: "required" };
}

const parseChoice = (path: OverridablePath, text: string) =>
  valueTypeOf(path) === "number" && text !== "" && !Number.isNaN(Number(text)) ? Number(text) : text;

type Messages = { value: string; label: string }[];

export function OverridesEditor({ patternMessages }: { patternMessages: Messages }) {
  const t = useTranslations("skuForm");
  const { read } = useSpecForm();
  const spec = read(["spec"]) as SkuSpec;
  const overrides = (read(["overrides"]) as SkuOverride[] | undefined) ?? [];
  const paths = openablePaths(spec);
  const unused = paths.find((p) => !overrides.some((o) => o.path === p));
  return (
    <Section title={t("sections.overrides")}>
      <p className="text-xs text-fg-muted sm:col-span-2">{t("hints.overrides")}</p>
      <ListEditor
        path={["overrides"]}
        label={t("fields.overrides")}
        addLabel={t("addOverride")}
        max={32}
        newItem={() => newOverride(spec, unused ?? paths[0]!, controlsFor(spec, unused ?? paths[0]!)[0])}
        renderItem={(i) => (
          <OverrideRow
            index={i}
            spec={spec}
            paths={paths}
            earlier={overrides.slice(0, i).map((o) => o.path)}
            patternMessages={patternMessages}
          />
        )}
      />
    </Section>
  );
}

type RowProps = {
  index: number;
  spec: SkuSpec;
  paths: OverridablePath[];
  earlier: OverridablePath[];
  patternMessages: Messages;
};

function OverrideRow({ index, spec, paths, earlier, patternMessages }: RowProps) {
  const t = useTranslations("skuForm");
  const tLaunch = useTranslations("launch");
  const { read, write, errorOf } = useSpecForm();
  const at = ["overrides", index] as const;
  const override = read(at) as SkuOverride;
  const label = (path: OverridablePath) => {
    const l = fieldLabel(path);
    return tLaunch(`fields.${l.key}`, l.values ?? { name: "" });
  };
  const options = [...new Set([override.path, ...paths])].map((path) => ({ value: path, label: label(path) }));
  return (
    <>
      <SelectField
        label={t("fields.overridePath")}
        value={override.path}
        options={options}
        error={errorOf([...at, "path"]) ?? errorOf([...at])}
        onChange={(e) => {
          const path = e.target.value as OverridablePath;
          write(at, newOverride(spec, path, controlsFor(spec, path)[0], override.condition));
        }}
      />
      <SelectField
        label={t("fields.control")}
        value={override.control}
        options={controlsFor(spec, override.path).map((c) => ({ value: c, label: t(`controls.${c}`) }))}
        error={errorOf([...at, "control"])}
        onChange={(e) =>
          write(at, newOverride(spec, override.path, e.target.value as SkuOverride["control"], override.condition))
        }
      />
      {override.control === "range" && (
        <div className="grid grid-cols-3 gap-2 md:col-span-2 2xl:col-span-1">
          <NumberInput path={[...at, "min"]} label={t("fields.min")} />
          <NumberInput path={[...at, "max"]} label={t("fields.max")} />
          <NumberInput path={[...at, "step"]} label={t("fields.step")} />
        </div>
      )}
      {override.control === "choices" && (
        <TextField
          label={t("fields.choices")}
          hint={t("hints.choices")}
          value={override.choices.join(", ")}
          error={errorOf([...at, "choices"])}
          autoComplete="off"
          onChange={(e) =>
            write(
              [...at, "choices"],
              e.target.value
                .split(",")
                .map((c) => c.trim())
                .filter((c) => c !== "")
                .map((c) => parseChoice(override.path, c)),
            )
          }
        />
      )}
      {override.control === "pattern" && (
        <div className="grid grid-cols-2 gap-2 md:col-span-2 2xl:col-span-1">
          <TextInput path={[...at, "pattern"]} label={t("fields.pattern")} hint={t("hints.pattern")} />
          <SelectInput
            path={[...at, "patternMessageKey"]}
            label={t("fields.patternMessageKey")}
            options={patternMessages}
          />
        </div>
      )}
      <ConditionInput index={index} override={override} earlier={earlier} label={label} />
    </>
  );
}

function ConditionInput({
  index,
  override,
  earlier,
  label,
}: {
  index: number;
  override: SkuOverride;
  earlier: OverridablePath[];
  label: (path: OverridablePath) => string;
}) {
  const t = useTranslations("skuForm");
  const { write, errorOf } = useSpecForm();
  const at = ["overrides", index, "condition"] as const;
  const condition = override.condition;
  return (
    <div className="grid gap-2 md:col-span-2 md:grid-cols-2 2xl:col-span-3">
      <SelectField
        label={t("fields.condition")}
        hint={t("hints.condition")}
        value={condition?.field ?? ""}
        options={[{ value: "", label: t("always") }, ...earlier.map((path) => ({ value: path, label: label(path) }))]}
        error={errorOf([...at, "field"])}
        onChange={(e) =>
          write(at, e.target.value === "" ? undefined : { field: e.target.value, equals: condition?.equals ?? "" })
        }
      />
      {condition && (
        <TextField
          label={t("fields.conditionEquals")}
          value={String(condition.equals)}
          error={errorOf([...at, "equals"])}
          autoComplete="off"
          onChange={(e) => write([...at, "equals"], parseChoice(condition.field, e.target.value))}
        />
      )}
    </div>
  );
}
