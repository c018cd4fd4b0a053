// The studio says plainly what "secret" means for a container variable, in every shipped language.
import { NextIntlClientProvider } from "next-intl";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ContainerSection } from "@/components/sku-studio/spec-form/container-section";
import { FormContext } from "@/components/sku-studio/spec-form/form-context";
import type { Path } from "@/lib/skus/edit-path";
import en from "@/messages/en.json";
import fr from "@/messages/fr.json";

const spec = { spec: { container: { image: "x:1", env: [{ name: "TOKEN", value: "", secret: true }] } } };

function read(path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key as string], spec);
}

function render(locale: string, messages: typeof en) {
  return renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={messages} timeZone="UTC">
      <FormContext.Provider value={{ read, write: () => undefined, errorOf: () => undefined }}>
        <ContainerSection />
      </FormContext.Provider>
    </NextIntlClientProvider>,
  );
}

const asPattern = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("a container variable's secret checkbox", () => {
  it.each([
    ["en", en],
    ["fr", fr],
  ] as const)("is described by a hint: hidden from portal users, readable by the workload (%s)", (locale, messages) => {
    const html = render(locale, messages);
    // The hint as React writes text into markup (quotes and apostrophes escaped).
    const hint = renderToStaticMarkup(messages.skuForm.hints.secret);
    const shown = new RegExp(`<p id="([^"]+)"[^>]*>${asPattern(hint)}</p>`).exec(html);
    expect(shown, "the hint is shown").not.toBeNull();
    expect(html).toMatch(new RegExp(`<input[^>]*type="checkbox"[^>]*aria-describedby="${asPattern(shown![1]!)}"`));
  });

  it("says both halves in English: hidden from portal users, readable inside the workload", () => {
    expect(en.skuForm.hints.secret).toMatch(/hidden from portal users/i);
    expect(en.skuForm.hints.secret).toMatch(/inside the workload can still read it/i);
  });
});
