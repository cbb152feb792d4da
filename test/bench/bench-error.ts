import { existsSync, readFileSync } from 'node:fs';

/** How many trailing log lines a BenchError carries, enough to show a stack trace's head. */
const TAIL_LINES = 20;

export interface BenchErrorDetails {
  /** The component that failed, e.g. `kraft`, `cluster3-node-2`, `zookeeper`, `sshd`, `java`, `maven`. */
  component: string;
  /** What went wrong, phrased to finish "<component> ...". */
  failure: string;
  /** The log that explains it, when there is one. */
  logPath?: string;
  cause?: unknown;
}

/**
 * The one error the bench throws when a peer cannot be brought up. It names the component and its
 * log and carries the log's tail, so a failed run says what broke in one message instead of a
 * cascade of timeouts from tests that never had a broker.
 */
export class BenchError extends Error {
  readonly component: string;
  readonly failure: string;
  readonly logPath: string | undefined;
  readonly logTail: string[];

  constructor(details: BenchErrorDetails) {
    const tail = details.logPath ? readLogTail(details.logPath) : [];
    super(formatMessage(details, tail), { cause: details.cause });
    this.name = 'BenchError';
    this.component = details.component;
    this.failure = details.failure;
    this.logPath = details.logPath;
    this.logTail = tail;
  }
}

function formatMessage(details: BenchErrorDetails, tail: string[]): string {
  const lines = [`bench: ${details.component} ${details.failure}`];
  if (details.logPath) {
    lines.push(`log: ${details.logPath}`);
    lines.push(tail.length > 0 ? `last ${tail.length} log lines:` : '(log is empty)');
    lines.push(...tail.map((line) => `  | ${line}`));
  }
  return lines.join('\n');
}

export function readLogTail(logPath: string, count = TAIL_LINES): string[] {
  if (!existsSync(logPath)) return [];
  const lines = readFileSync(logPath, 'utf8').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.slice(-count);
}

/** Raised inside a shape that stops waiting because a sibling shape already failed the run. */
export class BenchAborted extends Error {
  constructor(component: string) {
    super(`bench: ${component} stopped waiting because another component failed`);
    this.name = 'BenchAborted';
  }
}
