// lib/validation/*: the shared input schemas and the message keys they fail with.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { emailSchema, gpuCountSchema, gpuModelSchema, slugSchema } from "@/lib/validation/common";
import { createProjectSchema, setProjectQuotaSchema, updateMemberRoleSchema } from "@/lib/validation/org-admin";
import {
  addMemberSchema,
  createOrganizationSchema,
  createUserSchema,
  setOrgQuotaSchema,
} from "@/lib/validation/organizations";
import { chooseLocaleSchema, updateProfileSchema } from "@/lib/validation/profile";

/** The first issue's message key, or "ok" with the parsed value. */
function outcome(schema: z.ZodType, input: unknown): { ok: unknown } | { key: string; path: string } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: result.data };
  const [issue] = result.error.issues;
  return { key: issue!.message, path: issue!.path.join(".") };
}
const keyOf = (schema: z.ZodType, input: unknown) => {
  const result = outcome(schema, input);
  return "key" in result ? result.key : "ok";
};

describe("slugSchema", () => {
  it.each(["ab", "acme", "acme-ai", "a1", "0-9", "x".repeat(40), "a--b"])("accepts %j", (slug) => {
    expect(outcome(slugSchema, slug)).toEqual({ ok: slug });
  });

  it("trims surrounding spaces", () => {
    expect(outcome(slugSchema, "  acme-ai  ")).toEqual({ ok: "acme-ai" });
  });

  it.each([
    ["a", "tooShort"],
    ["   a  ", "tooShort"],
    ["x".repeat(41), "tooLong"],
    ["-acme", "slug"],
    ["acme-", "slug"],
    ["Acme", "slug"],
    ["acme_ai", "slug"],
    ["acme ai", "slug"],
    ["ácme", "slug"],
  ])("rejects %j with %s", (slug, key) => {
    expect(keyOf(slugSchema, slug)).toBe(key);
  });
});

describe("emailSchema", () => {
  it("trims and lower-cases", () => {
    expect(outcome(emailSchema, "  Alice.Admin@ACME.Example ")).toEqual({ ok: "alice.admin@acme.example" });
  });

  it.each(["not-an-email", "a@", "@acme.example", "a b@acme.example", ""])("rejects %j with `email`", (email) => {
    expect(keyOf(emailSchema, email)).toBe("email");
  });

  it("rejects more than 254 characters with `tooLong`", () => {
    expect(keyOf(emailSchema, `${"a".repeat(64)}@${"b".repeat(186)}.com`)).toBe("tooLong");
  });
});

describe("gpuCountSchema", () => {
  it("coerces numeric strings from forms", () => {
    expect(outcome(gpuCountSchema, "8")).toEqual({ ok: 8 });
    expect(outcome(gpuCountSchema, " 16 ")).toEqual({ ok: 16 });
    expect(outcome(gpuCountSchema, "0")).toEqual({ ok: 0 });
    expect(outcome(gpuCountSchema, 4)).toEqual({ ok: 4 });
    expect(outcome(gpuCountSchema, "100000")).toEqual({ ok: 100_000 });
  });

  it.each([
    ["-1", "tooSmall"],
    [-1, "tooSmall"],
    ["100001", "tooBig"],
    ["1.5", "integer"],
    ["abc", "number"],
    ["Infinity", "number"],
  ])("rejects %j with %s", (value, key) => {
    expect(keyOf(gpuCountSchema, value)).toBe(key);
  });
});

describe("gpuCountSchema on blank input", () => {
  // KNOWN BUG (reported): z.coerce.number() turns "" (and "  ") into 0. The quota forms
  // start with maxGpus "" and have no `required`, and 0 means "remove the quota", so submitting
  // the form with the count left blank silently deletes the quota.
  it.each(["", "   "])("does not read %j as 0", (value) => {
    expect(gpuCountSchema.safeParse(value).success).toBe(false);
  });
});

describe("gpuModelSchema", () => {
  it.each(["H100-80GB", "A100-80GB", "L40S", "gb200.nvl72", "rtx_6000"])("accepts %j", (model) => {
    expect(outcome(gpuModelSchema, model)).toEqual({ ok: model });
  });

  it.each([
    ["", "required"],
    ["-H100", "gpuModel"],
    ["H100 80GB", "gpuModel"],
    ["x".repeat(41), "tooLong"],
  ])("rejects %j with %s", (model, key) => {
    expect(keyOf(gpuModelSchema, model)).toBe(key);
  });
});

describe("form schemas", () => {
  it("createOrganization: trims the name, validates the slug", () => {
    expect(outcome(createOrganizationSchema, { name: "  Acme  ", slug: "acme" })).toEqual({
      ok: { name: "Acme", slug: "acme" },
    });
    expect(outcome(createOrganizationSchema, { name: "Acme", slug: "A" })).toMatchObject({ path: "slug" });
    expect(outcome(createOrganizationSchema, { name: "   ", slug: "acme" })).toEqual({ key: "required", path: "name" });
    expect(outcome(createOrganizationSchema, { name: "x".repeat(81), slug: "acme" })).toEqual({
      key: "tooLong",
      path: "name",
    });
  });

  it("createUser: lower-cases the email and only hands out org roles", () => {
    const input = { orgId: "o1", email: "New.User@Acme.Example", name: "New User", role: "member" };
    expect(outcome(createUserSchema, input)).toEqual({ ok: { ...input, email: "new.user@acme.example" } });
    expect(outcome(createUserSchema, { ...input, role: "platform-admin" })).toEqual({ key: "choice", path: "role" });
    expect(outcome(createUserSchema, { ...input, orgId: "" })).toEqual({ key: "required", path: "orgId" });
  });

  it("addMember: lower-cases the email", () => {
    expect(outcome(addMemberSchema, { orgId: "o1", email: "Bob@Acme.Example", role: "org-admin" })).toEqual({
      ok: { orgId: "o1", email: "bob@acme.example", role: "org-admin" },
    });
  });

  it("quota forms coerce the GPU count from a string", () => {
    expect(outcome(setOrgQuotaSchema, { orgId: "o1", gpuModel: "H100-80GB", maxGpus: "16" })).toEqual({
      ok: { orgId: "o1", gpuModel: "H100-80GB", maxGpus: 16 },
    });
    expect(outcome(setProjectQuotaSchema, { projectId: "p1", gpuModel: " L40S ", maxGpus: "2" })).toEqual({
      ok: { projectId: "p1", gpuModel: "L40S", maxGpus: 2 },
    });
    expect(outcome(setProjectQuotaSchema, { projectId: "p1", gpuModel: "L40S", maxGpus: "-2" })).toEqual({
      key: "tooSmall",
      path: "maxGpus",
    });
  });

  it("updateMemberRole: only org roles", () => {
    expect(keyOf(updateMemberRoleSchema, { membershipId: "m1", role: "member" })).toBe("ok");
    expect(outcome(updateMemberRoleSchema, { membershipId: "m1", role: "platform-admin" })).toEqual({
      key: "choice",
      path: "role",
    });
  });

  it("createProject: name and slug", () => {
    expect(keyOf(createProjectSchema, { name: "Research", slug: "research" })).toBe("ok");
    expect(outcome(createProjectSchema, { name: "Research", slug: "Research!" })).toEqual({
      key: "slug",
      path: "slug",
    });
  });

  it("profile: a valid BCP-47 tag or empty for the org default", () => {
    expect(keyOf(updateProfileSchema, { name: "Alice", locale: "" })).toBe("ok");
    expect(keyOf(updateProfileSchema, { name: "Alice", locale: "fr-CA" })).toBe("ok");
    expect(outcome(chooseLocaleSchema, { locale: "en_US!" })).toEqual({ key: "locale", path: "locale" });
    expect(outcome(chooseLocaleSchema, { locale: "e" })).toEqual({ key: "required", path: "locale" });
    expect(outcome(chooseLocaleSchema, { locale: "x".repeat(36) })).toEqual({ key: "tooLong", path: "locale" });
  });
});
