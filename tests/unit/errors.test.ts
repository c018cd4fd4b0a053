// server/errors.ts: zod failures become translatable per-field keys; nothing else leaks.
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { z } from "zod";
import type { FieldError } from "@/lib/errors";
import { createUserSchema, setOrgQuotaSchema } from "@/lib/validation/organizations";
import { Prisma } from "@/server/db/generated/client";
import { AppError, forbidden, notFound, parseInput, toPublicError, validationError } from "@/server/errors";

function zodError(schema: z.ZodType, input: unknown): z.ZodError {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the input to be invalid");
  return result.error;
}

describe("validationError", () => {
  it("maps each failed field to its key, with the bound as `limit`", () => {
    const error = validationError(
      zodError(createUserSchema, { orgId: "o1", email: "nope", name: "", role: "org-admin" }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("validation");
    expect(error.fields).toEqual({ email: { key: "email" }, name: { key: "required", values: { limit: 1 } } });
  });

  it("reports upper bounds and string-length bounds as `limit`", () => {
    const error = validationError(
      zodError(setOrgQuotaSchema, { orgId: "o1", gpuModel: "x".repeat(41), maxGpus: 100_001 }),
    );
    expect(error.fields).toEqual({
      gpuModel: { key: "tooLong", values: { limit: 40 } },
      maxGpus: { key: "tooBig", values: { limit: 100_000 } },
    });
  });

  it("joins nested paths with dots, and names a root failure `_`", () => {
    const schema = z.object({ quotas: z.array(z.object({ maxGpus: z.number().min(1, { error: "tooSmall" }) })) });
    expect(validationError(zodError(schema, { quotas: [{ maxGpus: 1 }, { maxGpus: 0 }] })).fields).toEqual({
      "quotas.1.maxGpus": { key: "tooSmall", values: { limit: 1 } },
    });
    expect(validationError(zodError(z.string().min(3, { error: "tooShort" }), "ab")).fields).toEqual({
      _: { key: "tooShort", values: { limit: 3 } },
    });
  });

  it("turns zod's own English messages into `invalid`", () => {
    const schema = z.object({ a: z.string(), b: z.number().max(3), c: z.enum(["x", "y"]) });
    expect(validationError(zodError(schema, { a: 1, b: 9, c: "z" })).fields).toEqual({
      a: { key: "invalid" },
      b: { key: "invalid", values: { limit: 3 } },
      c: { key: "invalid" },
    });
  });

  it("keeps only the first problem of each field", () => {
    const schema = z.object({
      slug: z
        .string()
        .min(5, { error: "tooShort" })
        .regex(/^[a-z]+$/, { error: "slug" }),
    });
    expect(validationError(zodError(schema, { slug: "A!" })).fields).toEqual({
      slug: { key: "tooShort", values: { limit: 5 } },
    });
  });
});

describe("parseInput", () => {
  it("returns the parsed value, or throws a validation AppError", () => {
    expect(parseInput(z.object({ n: z.coerce.number() }), { n: "4" })).toEqual({ n: 4 });
    expect(() => parseInput(z.object({ n: z.number() }), { n: "4" })).toThrow(AppError);
  });
});

describe("toPublicError", () => {
  let logged: MockInstance<typeof console.error>;
  beforeEach(() => {
    logged = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => logged.mockRestore());

  it("passes an AppError's code, and its fields when it has them", () => {
    expect(toPublicError(notFound())).toEqual({ code: "not_found" });
    expect(toPublicError(forbidden())).toEqual({ code: "forbidden" });
    const fields: Record<string, FieldError> = { email: { key: "taken" } };
    expect(toPublicError(new AppError("conflict", fields))).toEqual({ code: "conflict", fields });
    expect(logged).not.toHaveBeenCalled();
  });

  it("maps a Prisma unique-constraint violation (P2002) to conflict, without internals", () => {
    const error = new Prisma.PrismaClientKnownRequestError("Unique constraint failed on the fields: (`slug`)", {
      code: "P2002",
      clientVersion: "7.10.0",
      meta: { target: ["slug"] },
    });
    expect(toPublicError(error)).toEqual({ code: "conflict" });
  });

  it.each([
    ["an Error", new Error("connect ECONNREFUSED 10.1.2.3:5432 password=hunter2")],
    [
      "another Prisma error",
      new Prisma.PrismaClientKnownRequestError("Record hunter2 not found", { code: "P2025", clientVersion: "7.10.0" }),
    ],
    ["a string", "hunter2"],
    ["null", null],
    ["a plain object", { message: "hunter2", stack: "at hunter2" }],
  ])("reports %s as internal with a reference, and logs it under that reference", (_name, thrown) => {
    const result = toPublicError(thrown);
    expect(Object.keys(result).sort()).toEqual(["code", "reference"]);
    expect(result.code).toBe("internal");
    expect(result.reference).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(result)).not.toContain("hunter2");
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]![0])).toContain(result.reference);
    expect(logged.mock.calls[0]).toContain(thrown);
  });

  it("gives each internal error its own reference", () => {
    const references = new Set(Array.from({ length: 50 }, () => toPublicError(new Error("x")).reference));
    expect(references.size).toBe(50);
  });
});

describe("parseInput and NUL characters", () => {
  it("refuses a NUL anywhere in the input, naming where, before the schema sees it", () => {
    const schema = z.object({ name: z.string(), tags: z.array(z.string()) });
    const refused = (input: unknown) => {
      try {
        parseInput(schema, input);
        return null;
      } catch (error) {
        return (error as AppError).fields;
      }
    };
    expect(refused({ name: "a\u0000b", tags: [] })).toEqual({ name: { key: "invalid" } });
    expect(refused({ name: "ok", tags: ["x", "\u0000"] })).toEqual({ "tags.1": { key: "invalid" } });
    expect(refused("\u0000")).toEqual({ _: { key: "invalid" } });
    expect(refused({ name: "ok", tags: [] })).toBeNull();
  });
});
