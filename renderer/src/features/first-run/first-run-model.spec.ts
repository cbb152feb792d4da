import { describe, expect, it } from 'vitest';
import { sandboxView } from './first-run-model';

const at = '127.0.0.1:9092';

describe('the first-run panel', () => {
  it('offers a start, naming the Java it found and a first download', () => {
    const view = sandboxView({
      state: 'stopped',
      bootstrap: at,
      java: '17.0.15',
      kafkaVersion: '3.9.2',
      download: true,
      lines: [],
    });
    expect(view.action?.id).toBe('start');
    expect(view.text).toContain('Kafka 3.9.2 on 127.0.0.1:9092');
    expect(view.text).toContain('Java 17.0.15');
    expect(view.text).toContain('downloads Kafka');
  });

  it('says Java is missing, how to add it, and offers to look again', () => {
    const view = sandboxView({
      state: 'unavailable',
      reason: 'no-java',
      message: 'java cannot be run (/x/java): ENOENT.',
      bootstrap: at,
      lines: [],
    });
    expect(view.problem).toBe(true);
    expect(view.action?.id).toBe('recheck');
    expect(view.text).toMatch(
      /Java 17 or newer: java cannot be run \(\/x\/java\): ENOENT\. For example `apt install openjdk-17/,
    );
  });

  it('offers nothing to start in an installed app', () => {
    const view = sandboxView({
      state: 'unavailable',
      reason: 'no-checkout',
      message: 'no sandbox here',
      bootstrap: at,
      lines: [],
    });
    expect(view.action).toBeUndefined();
    expect(view.text).toBe('no sandbox here');
  });

  it('opens the demo job once running, and retries after a failure', () => {
    expect(
      sandboxView({ state: 'running', bootstrap: at, cluster: 'sandbox', job: 'demo', lines: [] }).action?.id,
    ).toBe('open-job');
    const failed = sandboxView({ state: 'failed', bootstrap: at, message: 'port in use', lines: [] });
    expect(failed).toMatchObject({ problem: true, text: 'port in use', action: { id: 'start' } });
    expect(sandboxView({ state: 'starting', bootstrap: at, lines: [] }).busy).toBe(true);
  });
});
