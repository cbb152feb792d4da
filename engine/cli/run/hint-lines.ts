import { hintEntry } from '../../hints/catalogue.js';
import type { HintSummary } from '../../hints/observation.js';
import { formatCount } from '../format.js';

/** `leader-election ×12, under-replicated ×3`: the active hints, for the progress line. */
export function activeHintsPart(hints: readonly HintSummary[]): string | undefined {
  const active = hints.filter((h) => h.active);
  if (active.length === 0) return undefined;
  return `hints: ${active.map((h) => `${h.id} ×${formatCount(h.count)}`).join(', ')}`;
}

const time = (ms: number) => new Date(ms).toISOString().slice(11, 19);

function evidence(h: HintSummary): string {
  const parts: string[] = [];
  if (h.partitions.length > 0) parts.push(`partitions ${h.partitions.join(', ')}`);
  else if (h.topics.length > 0) parts.push(`topics ${h.topics.join(', ')}`);
  if (h.brokers.length > 0) parts.push(`brokers ${h.brokers.join(', ')}`);
  const settings = Object.entries(h.settings);
  if (settings.length > 0) parts.push(settings.map(([k, v]) => `${k}=${v}`).join(', '));
  return parts.join('; ');
}

/** One line while the job runs: `hint [warning] leader-election: Leader election in progress (12×, ...)`. */
export function hintLine(h: HintSummary): string {
  const counts = h.retries > 0 ? `${h.count}×, ${h.retries} retried by the client` : `${h.count}×`;
  const seen = h.firstAt === h.lastAt ? `at ${time(h.firstAt)}` : `${time(h.firstAt)}–${time(h.lastAt)} UTC`;
  const where = evidence(h);
  return `hint [${h.severity}] ${h.id}: ${h.title} (${counts}, ${seen}${where ? `; ${where}` : ''})`;
}

/** The end-of-run summary: every hint seen, with cause, remedy and docs from the catalogue. */
export function hintSummary(hints: readonly HintSummary[]): string[] {
  if (hints.length === 0) return [];
  const lines = [`${hints.length} troubleshooting hint${hints.length === 1 ? '' : 's'}:`];
  for (const h of hints) {
    const entry = hintEntry(h.id);
    lines.push(`  ${hintLine(h)}`);
    lines.push(`    last: ${h.lastMessage}`);
    lines.push(`    cause: ${entry.cause}`);
    lines.push(`    remedy${entry.retriable ? ' (retriable)' : ''}: ${entry.remedy}`);
    lines.push(`    docs: ${entry.docs}`);
  }
  return lines;
}

/**
 * Prints a hint's line when it first appears and when its count grew, at most once per
 * `quietMs` per hint, so a leader election retried hundreds of times does not flood stderr.
 */
export class HintReporter {
  readonly #say: (line: string) => void;
  readonly #quietMs: number;
  readonly #printed = new Map<string, { at: number; count: number }>();

  constructor(say: (line: string) => void, quietMs = 10_000) {
    this.#say = say;
    this.#quietMs = quietMs;
  }

  update(hints: readonly HintSummary[], now = Date.now()): void {
    for (const h of hints) {
      const last = this.#printed.get(h.id);
      if (last && (last.count === h.count || now - last.at < this.#quietMs)) continue;
      this.#printed.set(h.id, { at: now, count: h.count });
      this.#say(hintLine(h));
    }
  }
}
