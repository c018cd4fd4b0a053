"use client";

import { useTranslations } from "next-intl";
import { useSpecForm } from "./form-context";
import { CheckboxInput, LinesInput, NumberInput, Section, SelectInput, TextInput } from "./inputs";
import { ListEditor } from "./list-editor";

const C = ["spec", "container"] as const;

export function ContainerSection() {
  const t = useTranslations("skuForm");
  const { read } = useSpecForm();
  return (
    <Section title={t("sections.container")}>
      <TextInput path={[...C, "image"]} label={t("fields.image")} hint={t("hints.image")} className="sm:col-span-2" />
      <LinesInput path={[...C, "command"]} label={t("fields.command")} hint={t("hints.lines")} />
      <LinesInput path={[...C, "args"]} label={t("fields.args")} hint={t("hints.lines")} />
      <ListEditor
        path={[...C, "ports"]}
        label={t("fields.ports")}
        addLabel={t("addPort")}
        max={16}
        newItem={() => ({ name: "http", containerPort: 8080, ui: false })}
        renderItem={(i) => (
          <>
            <TextInput path={[...C, "ports", i, "name"]} label={t("fields.portName")} />
            <NumberInput path={[...C, "ports", i, "containerPort"]} label={t("fields.containerPort")} />
            <CheckboxInput path={[...C, "ports", i, "ui"]} label={t("fields.uiPort")} />
          </>
        )}
      />
      <ListEditor
        path={[...C, "env"]}
        label={t("fields.env")}
        addLabel={t("addEnv")}
        max={128}
        newItem={() => ({ name: "", value: "", secret: false })}
        renderItem={(i) => (
          <>
            <TextInput path={[...C, "env", i, "name"]} label={t("fields.envName")} />
            <TextInput
              path={[...C, "env", i, "value"]}
              label={t("fields.envValue")}
              hint={t("hints.envValue")}
              type={read([...C, "env", i, "secret"]) === true ? "password" : "text"}
            />
            <CheckboxInput path={[...C, "env", i, "secret"]} label={t("fields.secret")} hint={t("hints.secret")} />
          </>
        )}
      />
      <ListEditor
        path={[...C, "volumes"]}
        label={t("fields.volumes")}
        addLabel={t("addVolume")}
        max={16}
        newItem={() => ({ name: "data", mountPath: "/data", source: "scratch" })}
        renderItem={(i) => (
          <>
            <TextInput path={[...C, "volumes", i, "name"]} label={t("fields.volumeName")} />
            <TextInput path={[...C, "volumes", i, "mountPath"]} label={t("fields.mountPath")} />
            <SelectInput
              path={[...C, "volumes", i, "source"]}
              label={t("fields.volumeSource")}
              options={[
                { value: "persistent", label: t("volumeSources.persistent") },
                { value: "scratch", label: t("volumeSources.scratch") },
              ]}
            />
          </>
        )}
      />
    </Section>
  );
}
