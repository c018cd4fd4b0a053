/** resource.Quantity parsing and printing (enough of it for requests, limits, quotas and capacity). */

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  "": 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};
const PATTERN = /^([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?[0-9]+|n|u|m|k|M|G|T|P|E)?$/;

export const QUANTITY_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export function isQuantity(q: unknown): boolean {
  if (typeof q === "number") return Number.isFinite(q);
  return typeof q === "string" && PATTERN.test(q.trim());
}

/** Parses a Quantity into base units (cores, bytes, counts). Throws on malformed input. */
export function parseQuantity(q: unknown): number {
  if (typeof q === "number") {
    if (!Number.isFinite(q)) throw new Error(QUANTITY_ERROR);
    return q;
  }
  if (typeof q !== "string") throw new Error(QUANTITY_ERROR);
  const m = PATTERN.exec(q.trim());
  if (!m) throw new Error(QUANTITY_ERROR);
  const n = Number(m[1]);
  const suffix = m[2] ?? "";
  if (suffix in BINARY) return n * BINARY[suffix]!;
  if (/^[eE][+-]?\d+$/.test(suffix)) return n * 10 ** Number(suffix.slice(1));
  return n * (DECIMAL[suffix] ?? 1);
}

/** Parses without throwing: undefined when absent or malformed. */
function tryParseQuantity(q: unknown): number | undefined {
  if (q === undefined || q === null) return undefined;
  try {
    return parseQuantity(q);
  } catch {
    return undefined;
  }
}

/** Resource names whose quantities are CPU-like (printed in cores or millicores). */
function isCpuLike(name: string): boolean {
  return name === "cpu" || name.endsWith(".cpu");
}

function isByteLike(name: string): boolean {
  return /(^|\.)(memory|storage|ephemeral-storage)$/.test(name) || name.startsWith("hugepages-");
}

/** Prints a quantity the way kube-apiserver's canonical form usually looks. */
export function formatQuantity(value: number, resourceName: string): string {
  if (isCpuLike(resourceName)) {
    const milli = Math.round(value * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (isByteLike(resourceName)) {
    const v = Math.round(value);
    if (v === 0) return "0";
    for (const suffix of ["Ei", "Pi", "Ti", "Gi", "Mi", "Ki"]) {
      const unit = BINARY[suffix]!;
      if (v % unit === 0) return `${v / unit}${suffix}`;
    }
    for (const [suffix, unit] of [
      ["E", 1e18],
      ["P", 1e15],
      ["T", 1e12],
      ["G", 1e9],
      ["M", 1e6],
      ["k", 1e3],
    ] as const) {
      if (v % unit === 0) return `${v / unit}${suffix}`;
    }
    return String(v);
  }
  if (Number.isInteger(value)) return String(value);
  const milli = Math.round(value * 1000);
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Sums a ResourceList-like object into base units. */
export function toAmounts(list: Record<string, unknown> | undefined | null): Map<string, number> {
  const out = new Map<string, number>();
  if (!list) return out;
  for (const [k, v] of Object.entries(list)) {
    const n = tryParseQuantity(v);
    if (n !== undefined) out.set(k, n);
  }
  return out;
}
