"use client";

import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/layout";
import { useServerAction } from "@/lib/client/use-server-action";
import { useValidationMessage } from "@/lib/client/use-validation-message";
import { getIn, type Path, setIn } from "@/lib/skus/edit-path";
import type { SkuOverride } from "@/lib/skus/overrides";
import type { SkuSpec } from "@/lib/skus/spec";
import { parseVersion } from "@/lib/skus/version";
import { saveSkuDraft } from "@/server/actions/skus/save-sku-draft";
import { useReportUnsaved } from "../unsaved";
import { BasicsSection } from "./basics-section";
import { ComputeSection, PlacementSection } from "./compute-section";
import { ContainerSection } from "./container-section";
import { FormContext } from "./form-context";
import { OverridesEditor } from "./overrides-editor";
import { PricingSection } from "./pricing-section";
import { AccessSection, ModelSection, PoliciesSection } from "./runtime-section";

type Props = {
  skuId: string;
  spec: SkuSpec;
  overrides: SkuOverride[];
  clusters: { id: string; name: string }[];
  orgs: { id: string; name: string }[];
  /** The messages a pattern may show when a value does not match, in the admin's language. */
  patternMessages: { value: string; label: string }[];
};

/** Server errors name spec fields without the "spec." prefix, and override fields as "overrides.<i>.…". */
const errorKeyOf = (path: Path) => (path[0] === "spec" ? path.slice(1) : path).join(".");

/**
 * The SKU's latest version as a form, one section per part of the spec, validated on save by the same
 * schema as the YAML editor, the API and imports. Saving updates the draft, or starts one.
 */
export function SpecForm({ skuId, spec, overrides, clusters, orgs, patternMessages }: Props) {
  const t = useTranslations("skuStudio");
  const tValidation = useValidationMessage();
  const [state, setState] = useState({ spec, overrides });
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [edited, setEdited] = useState(false);
  const save = useServerAction(saveSkuDraft, { invalidates: "page" });
  // The same check the server runs, as the author types: shown for fields already edited, and for all
  // after a save was tried. The server's answer covers what only it can know (a taken name, a cluster).
  const live = useMemo(() => {
    const result = parseVersion(state.spec, state.overrides);
    return result.ok ? {} : result.fields;
  }, [state]);
  const problems = useMemo(() => {
    const isTouched = (key: string) =>
      [...touched].some((t) => t === key || t.startsWith(`${key}.`) || key.startsWith(`${t}.`));
    const shownLive = Object.entries(live).filter(([key]) => submitted || isTouched(key));
    return { ...save.fieldErrors, ...Object.fromEntries(shownLive) };
  }, [live, touched, submitted, save.fieldErrors]);
  const context = useMemo(
    () => ({
      read: (path: Path) => getIn(state, path),
      write: (path: Path, value: unknown) => {
        setState((current) => setIn(current, path, value));
        setTouched((current) => new Set(current).add(errorKeyOf(path)));
        setEdited(true);
        // The last save's answer is about what was saved then, not about this edit.
        if (save.data !== undefined || save.errorMessage) save.reset();
      },
      errorOf: (path: Path) => {
        const problem = problems[errorKeyOf(path)];
        return problem ? tValidation(problem.key, problem.values) : undefined;
      },
    }),
    [state, problems, tValidation, save.reset, save.data, save.errorMessage],
  );
  useReportUnsaved("form", edited && !save.succeeded);
  const kind = state.spec.kind;
  return (
    <FormContext.Provider value={context}>
      <form
        className="flex flex-col gap-4"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (Object.keys(live).length === 0) save.run({ skuId, ...state });
        }}
      >
        <BasicsSection />
        <ContainerSection />
        <ComputeSection />
        <PlacementSection clusters={clusters} />
        {kind === "model" && <ModelSection />}
        <AccessSection kind={kind} />
        <PoliciesSection />
        <PricingSection kind={kind} orgs={orgs} />
        <OverridesEditor patternMessages={patternMessages} />
        {Object.keys(problems).length > 0 && (
          <div role="status">
            <ul className="list-disc ps-5 text-sm text-danger">
              {Object.entries(problems).map(([path, problem]) => (
                <li key={path}>
                  {t("formProblem", { path: path || "—", message: tValidation(problem.key, problem.values) })}
                </li>
              ))}
            </ul>
          </div>
        )}
        {save.errorMessage && Object.keys(problems).length === 0 && <Alert tone="danger">{save.errorMessage}</Alert>}
        {save.succeeded && <Alert tone="success">{t("saved")}</Alert>}
        <div>
          <Button type="submit" pending={save.pending}>
            {t("saveDraft")}
          </Button>
        </div>
      </form>
    </FormContext.Provider>
  );
}
