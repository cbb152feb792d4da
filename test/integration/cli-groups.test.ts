import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../engine/checkpoints/index.js';
import {
  createTopic,
  freshGroup,
  kafkaClient,
  produceN,
  uniqueName,
  waitFor,
  committedOffsets,
} from '../bench/helpers.js';
import { buildCli, kraftBootstrap, runCli, tempDir } from './cli-kit.js';

// `sluice groups describe|reset` as operators run it, against the broker: a reset without
// --execute prints the change and commits nothing; with it, the group holds exactly the new offsets.

let admin: Admin;
beforeAll(async () => {
  await buildCli();
  admin = kafkaClient(kraftBootstrap()).admin();
  await admin.connect();
});
afterAll(async () => {
  await admin?.disconnect();
});

// Recent enough that time-based retention (7 days) does not delete the records during the test.
const T0 = Date.now() - 60 * 60_000;

/** 2 partitions, 8 and 4 records a second apart from T0; the group committed 3 and 4. */
async function scenario(): Promise<{ topic: string; group: string }> {
  const topic = await createTopic(kraftBootstrap(), { partitions: 2 });
  await produceN(kraftBootstrap(), topic, 8, { partition: 0, timestamp: (i) => T0 + i * 1000 });
  await produceN(kraftBootstrap(), topic, 4, { partition: 1, timestamp: (i) => T0 + i * 1000 });
  const group = freshGroup('cli-reset');
  await admin.setOffsets({
    groupId: group,
    topic,
    partitions: [
      { partition: 0, offset: '3' },
      { partition: 1, offset: '4' },
    ],
  });
  return { topic, group };
}

const committed = (group: string, topic: string) => committedOffsets(admin, group, topic);

function profilesFile(name: string): string {
  const file = join(tempDir(), 'clusters.json');
  writeFileSync(file, JSON.stringify({ version: 1, clusters: [{ name, bootstrapServers: [kraftBootstrap()] }] }));
  return file;
}

describe('sluice groups reset', () => {
  it('prints a dry run and changes nothing; --execute applies it', async () => {
    const { topic, group } = await scenario();
    const cluster = uniqueName('cli-profile');
    const clusters = profilesFile(cluster);
    const dry = await runCli([
      'groups',
      'reset',
      group,
      '--cluster',
      cluster,
      '--clusters',
      clusters,
      '--to',
      'earliest',
    ]);
    expect(dry.stderr).toContain(`group "${group}": dry run, nothing changed; add --execute to apply`);
    expect(dry.code).toBe(0);
    const lines = dry.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^TOPIC\s+PARTITION\s+CURRENT-OFFSET\s+NEW-OFFSET\s+LOG-START-OFFSET\s+LOG-END-OFFSET\s+LAG-BEFORE\s+LAG-AFTER/,
    );
    expect(lines.slice(1).map((l) => l.split(/\s+/))).toEqual([
      [topic, '0', '3', '0', '0', '8', '5', '8'],
      [topic, '1', '4', '0', '0', '4', '0', '4'],
    ]);
    expect(await committed(group, topic)).toEqual([3, 4]);

    const run = await runCli([
      'groups',
      'reset',
      group,
      '--cluster',
      cluster,
      '--clusters',
      clusters,
      '--to',
      'earliest',
      '--execute',
    ]);
    expect(run.stderr).toContain(`group "${group}": offsets reset on 2 partition(s)`);
    expect(run.code).toBe(0);
    expect(await committed(group, topic)).toEqual([0, 0]);
  });

  it('resets to a time (ISO 8601) on one topic, as JSON', async () => {
    const { topic, group } = await scenario();
    const at = new Date(T0 + 2_500).toISOString();
    const run = await runCli([
      'groups',
      'reset',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--to',
      `timestamp:${at}`,
      '--topic',
      topic,
      '--format',
      'json',
      '--execute',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      executed: boolean;
      rows: { partition: number; target: number; note?: string }[];
    };
    expect(out.executed).toBe(true);
    expect(out.rows.map((r) => [r.partition, r.target])).toEqual([
      [0, 3],
      [1, 3],
    ]);
    expect(await committed(group, topic)).toEqual([3, 3]);
  });

  it("resets to a job's checkpoint, refusing offsets outside the log unless --clamp", async () => {
    const { topic, group } = await scenario();
    const stateDir = tempDir();
    const store = new CheckpointStore({ stateDir, jobName: 'replay', retain: 3 });
    await store.prepare();
    await store.write({
      jobName: 'replay',
      checkpointId: 1,
      takenAt: Date.now(),
      offsets: [
        { topic, partition: 0, offset: 6 },
        { topic, partition: 1, offset: 9 },
      ],
      partitions: [
        { topic, partition: 0 },
        { topic, partition: 1 },
      ],
      sink: null,
    });
    const args = [
      'groups',
      'reset',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--to',
      'checkpoint:replay:1',
      '--state-dir',
      stateDir,
      '--execute',
    ];
    const refused = await runCli(args);
    expect(refused.stderr).toContain(`${topic}[1] 9 (log 0..4)`);
    expect(refused.code).toBe(1);
    expect(await committed(group, topic)).toEqual([3, 4]);

    const clamped = await runCli([...args, '--clamp', '--format', 'csv']);
    expect(clamped.code).toBe(0);
    expect(clamped.stdout.trim().split('\n')).toEqual([
      'topic,partition,current,target,logStart,logEnd,lagBefore,lagAfter,note',
      `${topic},0,3,6,0,8,5,2,`,
      `${topic},1,4,4,0,4,0,0,clamped to log end`,
    ]);
    expect(clamped.stderr).toContain('from checkpoint 1 of job "replay"');
    expect(await committed(group, topic)).toEqual([6, 4]);
  });

  it('refuses bad input with exit 2 and unknown topics with exit 1, changing nothing', async () => {
    const { topic, group } = await scenario();
    const bad = await runCli(['groups', 'reset', group, '--bootstrap', kraftBootstrap(), '--to', 'timestamp:soon']);
    expect(bad.stderr).toContain('--to "soon" is not a time');
    expect(bad.code).toBe(2);
    const ghost = uniqueName('ghost');
    const unknown = await runCli([
      'groups',
      'reset',
      group,
      '--bootstrap',
      kraftBootstrap(),
      '--to',
      'latest',
      '--topic',
      topic,
      '--topic',
      ghost,
      '--execute',
    ]);
    expect(unknown.stderr).toContain(`the cluster has no topic "${ghost}"`);
    expect(unknown.code).toBe(1);
    expect(await committed(group, topic)).toEqual([3, 4]);
  });

  it('refuses --execute while a consumer is in the group, naming it', async () => {
    const { topic, group } = await scenario();
    const consumer = kafkaClient(kraftBootstrap(), { clientId: 'cli-reset-member' }).consumer({ groupId: group });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await waitFor(async () => (await admin.describeGroups([group])).groups[0]?.state === 'Stable', {
        message: `group ${group} to be Stable`,
      });
      const described = await runCli(['groups', 'describe', group, '--bootstrap', kraftBootstrap()]);
      expect(described.stdout).toContain(`group ${group}: state Stable, 1 member(s)`);
      expect(described.stdout).toMatch(new RegExp(`cli-reset-member \\S+: ${topic}\\[0,1\\]`));
      const run = await runCli([
        'groups',
        'reset',
        group,
        '--bootstrap',
        kraftBootstrap(),
        '--to',
        'earliest',
        '--execute',
      ]);
      expect(run.stderr).toMatch(/has 1 active member \(state Stable\): cli-reset-member .*\[hint: group-active\]/);
      expect(run.code).toBe(1);
      expect(await committed(group, topic)).toEqual([3, 4]);
    } finally {
      await consumer.disconnect();
    }
  });
});
