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
  /** Only for unexpected errors whose stack matters; an expected cause belongs in `failure`. */
  cause?: unknown;
}

/**
 * The one error the bench throws when a peer cannot be brought up. It names the component and its
 * log and carries the log's tail, so a failed run says what broke in one message instead of a
 * cascade of timeouts from tests that never had a broker.
 */
export class BenchError extends Error {
  // Private fields behind getters: test runners print an error's own fields after its message,
  // which would repeat the log tail the message already shows.
  readonly #details: BenchErrorDetails;
  readonly #logTail: string[];
  readonly #firstError: string[];

  constructor(details: BenchErrorDetails) {
    const tail = details.logPath ? readLogTail(details.logPath) : [];
    const firstError = details.logPath ? readFirstError(details.logPath) : [];
    super(formatMessage(details, tail, firstError), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BenchError';
    this.#details = details;
    this.#logTail = tail;
    this.#firstError = firstError;
  }

  get component(): string {
    return this.#details.component;
  }

  get failure(): string {
    return this.#details.failure;
  }

  get logPath(): string | undefined {
    return this.#details.logPath;
  }

  get logTail(): string[] {
    return this.#logTail;
  }

  /** The first error the component logged in its latest start, with the exception line after it. */
  get firstError(): string[] {
    return this.#firstError;
  }
}

function formatMessage(details: BenchErrorDetails, tail: string[], firstError: string[]): string {
  const lines = [`bench: ${details.component} ${details.failure}`];
  if (details.logPath) {
    lines.push(`log: ${details.logPath}`);
    // A JVM that fails early spends its last twenty lines on shutdown chatter; the cause is above.
    if (firstError.length > 0 && !firstError.every((line) => tail.includes(line))) {
      lines.push('first error logged:', ...firstError.map((line) => `  | ${line}`));
    }
    lines.push(tail.length > 0 ? `last ${tail.length} log lines:` : '(log is empty)');
    lines.push(...tail.map((line) => `  | ${line}`));
  }
  return lines.join('\n');
}

function readLines(logPath: string): string[] {
  if (!existsSync(logPath)) return [];
  const lines = readFileSync(logPath, 'utf8').split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function readLogTail(logPath: string, count = TAIL_LINES): string[] {
  return readLines(logPath).slice(-count);
}

const ERROR_LINE = /\b(ERROR|FATAL)\b|^(fatal|error):|\bError:/;
const EXCEPTION_LINE = /^[\w.$]+(Exception|Error)\b/;

/**
 * The first error line of the component's latest start (the bench writes a `=====` header before
 * each), plus the exception line that follows it in a log4j entry.
 */
export function readFirstError(logPath: string): string[] {
  const lines = readLines(logPath);
  const sectionStart = lines.findLastIndex((line) => line.startsWith('===== '));
  const section = lines.slice(sectionStart + 1);
  const index = section.findIndex((line) => ERROR_LINE.test(line));
  if (index < 0) return [];
  const next = section[index + 1];
  return next !== undefined && EXCEPTION_LINE.test(next) ? [section[index] ?? '', next] : [section[index] ?? ''];
}

/** Raised inside a shape that stops waiting because a sibling shape already failed the run. */
export class BenchAborted extends Error {
  constructor(component: string) {
    super(`bench: ${component} stopped waiting because another component failed`);
    this.name = 'BenchAborted';
  }
}
