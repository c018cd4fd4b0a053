/** Immutable reads and writes by path, for editors that hold a spec as plain data. */

export type Path = readonly (string | number)[];

export function getIn(value: unknown, path: Path): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === "object" ? (node as Record<string | number, unknown>)[key] : undefined,
    value,
  );
}

/** A copy of `value` with `next` at `path` (undefined removes the key); containers on the way are copied, or made. */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [key, ...rest] = path;
  const container = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  const child = setIn(container[key!] ?? (typeof rest[0] === "number" ? [] : {}), rest, next);
  if (child === undefined && !Array.isArray(container)) delete container[key!];
  else container[key!] = child;
  return container as T;
}
