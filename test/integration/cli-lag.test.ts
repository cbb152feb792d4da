import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LagCycle, LevelChange } from '../../engine/lag/lag-status.js';
import { createTopic, freshGroup, kafkaClient, uniqueName, waitFor } from '../bench/helpers.js';
import { buildCli, kraftBootstrap, runCli, startCli, tempDir } from './cli-kit.js';
import { committingMember, steadyProducer, type Running } from './lag-drivers.js';

// `sluice lag watch` as operators run it: a group committing the same offset while records arrive
// turns ERR (STALL), printed as one line (or one JSON object) per change; SIGINT ends it with 0.

let kafka: Kafka;
const running: Running[] = [];
let profile: string;
let clusters: string;
let group: string;

beforeAll(async () => {
  await buildCli();
  kafka = kafkaClient(kraftBootstrap());
  profile = uniqueName('lag-profile');
  clusters = join(tempDir(), 'clusters.json');
  writeFileSync(
    clusters,
    JSON.stringify({ version: 1, clusters: [{ name: profile, bootstrapServers: [kraftBootstrap()] }] }),
  );
  const topic = await createTopic(kraftBootstrap(), { partitions: 1 });
  group = freshGroup('cli-lag');
  running.push(await steadyProducer(kafka, topic, 1, 200));
  running.push(await committingMember(kafka, topic, group, 300, () => 2));
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((r) => r.stop().catch(() => undefined)));
});

const watchArgs = () => [
  'lag',
  'watch',
  profile,
  '--clusters',
  clusters,
  '--group',
  group,
  '--interval',
  '1',
  '--window',
  '3',
];

describe('sluice lag watch', () => {
  it('prints a line when a group turns ERR, stops on SIGINT with 0, and leaves the history `lag check` reads', async () => {
    const stateDir = tempDir();
    const cli = startCli(watchArgs(), { env: { SLUICE_STATE_DIR: stateDir }, timeoutMs: 90_000 });
    await cli.waitForStderr(/watching groups .* every 1s, window 3 commits; a line per status change; history in \S+/);
    const line = await waitFor(() => cli.stdout.split('\n').find((l) => l.includes(' -> ERR')), {
      message: `a change line for ${group}`,
      timeoutMs: 60_000,
    });
    expect(line).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+Z  ${group}  (new|OK) -> ERR  (STALL|STOP)  lag \\d+  time lag \\S+$`),
    );
    // The cycles go to the profile's history: `sluice lag check` judges the group from it (exit 2:
    // ERR) once a window's worth of cycles is stored, while watch runs and after it stopped.
    const checkArgs = ['lag', 'check', profile, '--group', group, '--state-dir', stateDir, '--window', '3'];
    await waitFor(async () => (await runCli(checkArgs)).code === 2, {
      message: '`sluice lag check` to say ERR',
      timeoutMs: 60_000,
    });
    cli.child.kill('SIGINT');
    const result = await cli.exited;
    expect(result.stderr).toContain('SIGINT: stopping');
    expect(result.code).toBe(0);
    const check = await runCli(checkArgs);
    expect(check.stdout).toContain(group);
    expect(check.code, `${check.stdout}\n${check.stderr}`).toBe(2);
  });

  it('--json prints one object per cycle and per change', async () => {
    const cli = startCli([...watchArgs(), '--json'], { env: { SLUICE_STATE_DIR: tempDir() }, timeoutMs: 90_000 });
    const parsed = () =>
      cli.stdout
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as { type: string });
    // Until its window is full a group's few commits span little time, so the first verdict may be
    // STOP; with a full window the group committing the same offset is STALL.
    const stalled = (o: { type: string }) =>
      o.type === 'cycle' &&
      (o as unknown as LagCycle).groups.some((g) => g.groupId === group && g.status === 'STALL' && g.complete === 1);
    await waitFor(() => parsed().some(stalled), { message: 'a cycle with the group STALL', timeoutMs: 60_000 });
    cli.child.kill('SIGTERM');
    const result = await cli.exited;
    expect(result.code).toBe(0);
    const objects = parsed();
    const cycles = objects.filter((o) => o.type === 'cycle') as unknown as LagCycle[];
    const change = objects.find((o) => o.type === 'change') as unknown as LevelChange;
    expect(cycles.length).toBeGreaterThan(0);
    for (const c of cycles) {
      expect(c.cluster).toBe(profile);
      expect(c.groups.map((g) => g.groupId)).toEqual([group]);
      expect(c.cost.requests).toBeGreaterThan(0);
      expect(c.commitSource).toBe('commit-log');
    }
    expect(change).toMatchObject({ cluster: profile, groupId: group, to: 'ERR' });
    expect(['STALL', 'STOP']).toContain(change.status);
  });

  it('refuses a bad --interval and an unknown profile with exit 2, naming them', async () => {
    const interval = await runCli(['lag', 'watch', profile, '--clusters', clusters, '--interval', '0']);
    expect(interval.code).toBe(2);
    expect(interval.stderr).toContain('--interval "0": give the seconds between cycles');
    const window = await runCli(['lag', 'watch', profile, '--clusters', clusters, '--window', '1.5']);
    expect(window.code).toBe(2);
    expect(window.stderr).toContain('--window "1.5"');
    const unknown = await runCli(['lag', 'watch', 'nope', '--clusters', clusters]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no cluster profile named "nope"');
  });
});
