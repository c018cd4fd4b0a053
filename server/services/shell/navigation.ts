import type { Access } from "@/server/authz";

// The portal's navigation: one list, filtered on the server by what the caller may open.
type NavItem = { href: string; label: NavLabel; access: Exclude<Access, "public"> };
type NavLabel =
  | "marketplace"
  | "pods"
  | "models"
  | "apiKeys"
  | "usage"
  | "members"
  | "skuStudio"
  | "organizations"
  | "fleet"
  | "languages"
  | "audit"
  | "apiTokens";

export const NAV_SECTIONS: { title: "workspace" | "organization" | "admin"; items: NavItem[] }[] = [
  {
    title: "workspace",
    items: [
      { href: "/marketplace", label: "marketplace", access: "member" },
      { href: "/pods", label: "pods", access: "member" },
      { href: "/models", label: "models", access: "member" },
      { href: "/api-keys", label: "apiKeys", access: "member" },
      { href: "/usage", label: "usage", access: "member" },
    ],
  },
  {
    title: "organization",
    items: [
      { href: "/org", label: "members", access: "org-admin" },
      { href: "/api-tokens", label: "apiTokens", access: "org-admin" },
    ],
  },
  {
    title: "admin",
    items: [
      { href: "/admin/sku-studio", label: "skuStudio", access: "platform-admin" },
      { href: "/admin/organizations", label: "organizations", access: "platform-admin" },
      { href: "/admin/fleet", label: "fleet", access: "platform-admin" },
      { href: "/admin/languages", label: "languages", access: "platform-admin" },
      { href: "/admin/audit", label: "audit", access: "platform-admin" },
      // Tokens for the REST API (SKU GitOps); members reach theirs from their profile.
      { href: "/api-tokens", label: "apiTokens", access: "platform-admin" },
    ],
  },
];
