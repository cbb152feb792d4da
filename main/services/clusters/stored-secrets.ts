/** The ids of every `{ "secret": "store:<id>" }` reference anywhere inside `value` (profiles, jobs). */
export function storedSecretIds(value: unknown): Set<string> {
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'secret' && typeof child === 'string' && child.startsWith('store:')) ids.add(child.slice(6));
      else walk(child);
    }
  };
  walk(value);
  return ids;
}
