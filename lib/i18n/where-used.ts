// Where a message shows up, by the namespace of its key, so translators see the context.
// The most specific prefix wins. `place` is a page path, or one of the shared places.
export type Place = { kind: "page"; path: string } | { kind: "everywhere" } | { kind: "forms" } | { kind: "errors" };

const PLACES: [prefix: string, place: Place][] = [
  ["meta", { kind: "everywhere" }],
  ["nav", { kind: "everywhere" }],
  ["shell", { kind: "everywhere" }],
  ["marketplace", { kind: "page", path: "/marketplace" }],
  ["pages.pods", { kind: "page", path: "/pods" }],
  ["pages.models", { kind: "page", path: "/models" }],
  ["pages.apiKeys", { kind: "page", path: "/api-keys" }],
  ["pages.usage", { kind: "page", path: "/usage" }],
  ["apiTokens", { kind: "page", path: "/api-tokens" }],
  ["skuStudio", { kind: "page", path: "/admin/sku-studio" }],
  ["admin.fleet", { kind: "page", path: "/admin/fleet" }],
  ["auth", { kind: "page", path: "/signin" }],
  ["profile", { kind: "page", path: "/profile" }],
  ["roles", { kind: "page", path: "/org" }],
  ["org", { kind: "page", path: "/org" }],
  ["admin.orgs", { kind: "page", path: "/admin/organizations" }],
  ["admin.users", { kind: "page", path: "/admin/organizations" }],
  ["admin.members", { kind: "page", path: "/admin/organizations" }],
  ["admin.audit", { kind: "page", path: "/admin/audit" }],
  ["admin.languages", { kind: "page", path: "/admin/languages" }],
  ["admin.translations", { kind: "page", path: "/admin/languages" }],
  ["errors", { kind: "errors" }],
  ["validation", { kind: "forms" }],
];

export function whereUsed(key: string): Place {
  let best: [string, Place] | undefined;
  for (const entry of PLACES) {
    const [prefix] = entry;
    if ((key === prefix || key.startsWith(`${prefix}.`)) && prefix.length > (best?.[0].length ?? -1)) best = entry;
  }
  return best?.[1] ?? { kind: "everywhere" };
}
