// Lint findings placed beside the editor's fields: a finding whose `where` is a spec path
// (`sink.acks`) shows at that field; the ones about the cluster (`topic orders config ...`) under it.
import { getContext, setContext } from 'svelte';
import type { LintReport } from '../../../../../main/ipc/contract';

type Finding = LintReport['findings'][number];

export interface LintNotes {
  /** Spec path → the findings there, as one line each. */
  byPath: Record<string, string>;
  /** Findings about the cluster, or a setting no field shows. */
  elsewhere: string[];
}

const isSpecPath = (where: string): boolean =>
  /^(source|sink|transform|checkpoint|restart|limits)\.[\w.[\]]+$/.test(where);

export const findingText = (f: Finding): string => `${f.severity}: ${f.message} (${f.remedy}) [hint: ${f.hintId}]`;

export function placeFindings(findings: readonly Finding[], shown: readonly string[]): LintNotes {
  const notes: LintNotes = { byPath: {}, elsewhere: [] };
  for (const finding of findings) {
    const text = findingText(finding);
    if (isSpecPath(finding.where) && shown.includes(finding.where)) {
      const before = notes.byPath[finding.where];
      notes.byPath[finding.where] = before ? `${before}; ${text}` : text;
    } else notes.elsewhere.push(`${finding.where}: ${text}`);
  }
  return notes;
}

const KEY = Symbol('lint-notes');

/** The editor provides its current notes; each field looks up its own path. */
export const provideLintNotes = (notes: () => LintNotes): void => void setContext(KEY, notes);
/** Called while a field is created; the getter reads the editor's notes as they change. */
export const lintNotes = (): (() => LintNotes) | undefined => getContext<(() => LintNotes) | undefined>(KEY);
