import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BenchError, readFirstError, readLogTail } from './bench-error.js';

function logWith(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bench-error-')), 'component.log');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('BenchError', () => {
  it('names the component, the failure and the log, and quotes the last 20 lines', () => {
    const path = logWith(Array.from({ length: 30 }, (_, index) => `line ${index}`));
    const error = new BenchError({
      component: 'kraft',
      failure: 'exited before it was ready (exit code 1)',
      logPath: path,
    });
    expect(error.message.split('\n').slice(0, 3)).toEqual([
      'bench: kraft exited before it was ready (exit code 1)',
      `log: ${path}`,
      'last 20 log lines:',
    ]);
    expect(error.logTail).toEqual(Array.from({ length: 20 }, (_, index) => `line ${index + 10}`));
    expect(error.message).toContain('  | line 29');
    expect(error.message).not.toContain('line 9\n');
  });

  it('adds the first error of the latest start when the tail has scrolled past it', () => {
    const path = logWith([
      '===== first start',
      '[t] ERROR an old failure (x)',
      '===== second start',
      '[t] INFO starting (x)',
      '[t] ERROR Unable to start acceptor (kafka.network.DataPlaneAcceptor)',
      'org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:1: Address already in use.',
      ...Array.from({ length: 25 }, (_, index) => `[t] INFO shutting down ${index} (x)`),
    ]);
    expect(readFirstError(path)).toEqual([
      '[t] ERROR Unable to start acceptor (kafka.network.DataPlaneAcceptor)',
      'org.apache.kafka.common.KafkaException: Socket server failed to bind to 127.0.0.1:1: Address already in use.',
    ]);
    const error = new BenchError({ component: 'kraft', failure: 'exited', logPath: path });
    expect(error.message).toContain('first error logged:\n  | [t] ERROR Unable to start acceptor');
    expect(error.message).not.toContain('an old failure');
  });

  it('says so when there is no log to quote, and keeps its details off the printed fields', () => {
    const error = new BenchError({ component: 'java', failure: 'cannot be run (/nope): ENOENT' });
    expect(error.message).toBe('bench: java cannot be run (/nope): ENOENT');
    expect(readLogTail('/nonexistent/log')).toEqual([]);
    expect(Object.getOwnPropertyNames(error)).not.toContain('logTail');
    expect(error.component).toBe('java');
  });
});
