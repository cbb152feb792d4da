import type { SpecProblem } from '../../../main/ipc/contract';

/** Problems as `{ path: messages }`, with a prefix such as `profile.` removed, for forms to show in place. */
export function fieldErrors(problems: readonly SpecProblem[], prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) {
    const path = prefix && p.path.startsWith(prefix) ? p.path.slice(prefix.length) : p.path;
    out[path] = out[path] ? `${out[path]}; ${p.message}` : p.message;
  }
  return out;
}

/** The first message for a field or anything under it (`bootstrapServers` covers `bootstrapServers[1]`). */
export function errorFor(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field];
  const key = Object.keys(errors).find((k) => k.startsWith(`${field}[`) || k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

/** Messages no field in `shown` displays, so none is lost. */
export function otherErrors(errors: Record<string, string>, shown: readonly string[]): string[] {
  return Object.entries(errors)
    .filter(([path]) => !shown.some((f) => path === f || path.startsWith(`${f}[`) || path.startsWith(`${f}.`)))
    .map(([path, message]) => `${path}: ${message}`);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
