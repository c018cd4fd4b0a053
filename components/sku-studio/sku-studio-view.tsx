import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DeploymentList } from "@/components/deployments/deployment-list";
import { Badge, Card, PageHeader } from "@/components/ui/layout";
import { PanelBoundary } from "@/components/ui/panel-boundary";
import { Cell, Table } from "@/components/ui/table";
import type { SkuStudioPage } from "@/server/services/skus/sku-studio-page";
import { EditorTabs } from "./editor-tabs";
import { PreviewPanel } from "./preview-panel";
import { SharingForm } from "./sharing-form";
import { SkuYamlEditor } from "./sku-yaml-editor";
import { SpecForm } from "./spec-form/spec-form";
import { VersionActions } from "./version-actions";
import { VersionDiff } from "./version-diff";

const STATE_TONES = { PUBLISHED: "accent", DRAFT: "warning", ARCHIVED: "neutral" } as const;

/** One SKU in the studio: its versions, the editor beside the users' launch form, test launches, sharing. */
export async function SkuStudioView({ page }: { page: SkuStudioPage }) {
  const t = await getTranslations("skuStudio");
  const { sku } = page;
  return (
    <>
      <Link href="/admin/sku-studio" className="text-sm text-accent hover:underline">
        {t("back")}
      </Link>
      <PageHeader
        title={sku.displayName}
        description={t("detailDescription", {
          slug: sku.slug,
          kind: t(`kinds.${sku.kind as "dev-pod" | "app" | "model"}`),
        })}
      />
      <div className="flex flex-col gap-6">
        <VersionsCard page={page} />
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Card title={t("editorTitle")}>
            <EditorCard page={page} />
          </Card>
          <div className="xl:sticky xl:top-4">
            <Card title={t("preview")}>
              <PanelBoundary>
                <PreviewPanel key={page.editor.revision} skuId={sku.id} {...page.preview} clusters={page.clusters} />
              </PanelBoundary>
            </Card>
          </div>
        </div>
        <Card title={t("testLaunches")}>
          <PanelBoundary>
            <DeploymentList
              filter={{ skuId: sku.id, testLaunches: true }}
              caption={t("testLaunches")}
              empty={t("noTestLaunches")}
            />
          </PanelBoundary>
        </Card>
        <Card title={t("sharingTitle")}>
          <SharingForm skuId={sku.id} orgs={page.orgs} {...page.sharing} />
        </Card>
      </div>
    </>
  );
}

async function VersionsCard({ page }: { page: SkuStudioPage }) {
  const t = await getTranslations("skuStudio");
  return (
    <Card title={t("versions")}>
      <Table caption={t("versions")} headers={[t("versionNumber"), t("state"), t("actions")]}>
        {page.versions.map((version) => (
          <tr key={version.id}>
            <Cell>
              {t("version", { number: version.number })}
              {version.changes && <VersionDiff to={version.number} {...version.changes} />}
            </Cell>
            <Cell>
              <Badge tone={STATE_TONES[version.state]}>{t(`states.${version.state}`)}</Badge>
            </Cell>
            <Cell>
              <VersionActions
                skuId={page.sku.id}
                versionId={version.id}
                number={version.number}
                state={version.state}
              />
            </Cell>
          </tr>
        ))}
      </Table>
    </Card>
  );
}

/** The form keeps its state through saves of the same draft; the YAML view shows the saved file. */
async function EditorCard({ page }: { page: SkuStudioPage }) {
  const tValidation = await getTranslations("validation");
  const { editor } = page;
  const patternMessages = editor.patternMessageKeys.map((key) => ({ value: key, label: tValidation(key) }));
  return (
    <EditorTabs
      key={editor.draftId}
      form={
        <SpecForm
          skuId={page.sku.id}
          spec={editor.spec}
          overrides={editor.overrides}
          clusters={page.clusters}
          orgs={page.orgs}
          patternMessages={patternMessages}
        />
      }
      yaml={<SkuYamlEditor key={editor.revision} skuId={page.sku.id} initial={editor.yaml} />}
    />
  );
}
