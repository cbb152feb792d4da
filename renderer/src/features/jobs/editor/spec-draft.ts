// The editor's one source of truth: the job spec as JSON, exactly as it will be saved. The form
// reads and writes it by path and the JSON view shows it, so neither adds a default the operator
// did not choose, and a spec loaded from a file comes back out unchanged.

/** A job spec being edited: any JSON object (the schema judges it on save). */
export type Draft = Record<string, unknown>;
export type Path = readonly (string | number)[];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `source.startFrom.offsets.2.partition` as path segments (numbers for array indices). */
export function toPath(path: string | Path): Path {
  if (typeof path !== 'string') return path;
  return path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

export function getAt(draft: Draft, path: string | Path): unknown {
  let at: unknown = draft;
  for (const part of toPath(path)) {
    if (typeof part === 'number' ? !Array.isArray(at) : !isObject(at)) return undefined;
    at = (at as Record<string | number, unknown>)[part];
  }
  return at;
}

/**
 * Sets one value, creating the objects on the way. `undefined` removes the key, and objects left
 * empty by that removal go too (a cleared filter leaves no `"transform": {}` behind).
 */
export function setAt(draft: Draft, path: string | Path, value: unknown): void {
  const parts = toPath(path);
  const chain: Record<string | number, unknown>[] = [draft];
  for (const part of parts.slice(0, -1)) {
    const parent = chain[chain.length - 1]!;
    let next = parent[part];
    if (value === undefined && !isObject(next) && !Array.isArray(next)) return;
    if (!isObject(next) && !Array.isArray(next)) {
      next = {};
      parent[part] = next;
    }
    chain.push(next as Record<string | number, unknown>);
  }
  const last = parts[parts.length - 1]!;
  const target = chain[chain.length - 1]!;
  if (value !== undefined) {
    target[last] = value;
    return;
  }
  delete target[last];
  for (let depth = chain.length - 1; depth > 0; depth--) {
    const node = chain[depth]!;
    if (!isObject(node) || Object.keys(node).length > 0) break;
    delete chain[depth - 1]![parts[depth - 1]!];
  }
}

/** A deep copy, as plain JSON (no proxies), for saving or comparing. */
export function plain<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
