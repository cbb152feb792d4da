import type { Admin, Consumer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyGroupReset, planGroupReset } from '../../engine/groups/index.js';
import {
  createTopic,
  defaultBroker,
  freshGroup,
  kafkaClient,
  produceN,
  uniqueName,
  waitFor,
} from '../bench/helpers.js';
import { kcatOffsetForTimestamp } from '../bench/kcat.js';

// Group resets against the real broker: each target commits the offsets it previewed (read back with
// kafkajs's fetchOffsets; timestamp offsets checked against kcat's ListOffsets), a preview changes
// nothing, and a group with a running consumer or a reset naming unknown partitions is refused whole.

const bootstrap = () => defaultBroker().bootstrap;
// Recent enough that time-based retention (7 days) does not delete the records during the test.
const T0 = Date.now() - 60 * 60_000;
let admin: Admin;

beforeAll(async () => {
  admin = kafkaClient(bootstrap()).admin();
  await admin.connect();
});
afterAll(async () => {
  await admin?.disconnect();
});

/** Partition 0: 10 records, partition 1: 6, one second apart from T0; partition 2 empty. The group
 *  committed 2 on partition 0 and 6 on partition 1, nothing on partition 2. */
async function scenario(): Promise<{ topic: string; group: string }> {
  const topic = await createTopic(bootstrap(), { partitions: 3 });
  await produceN(bootstrap(), topic, 10, { partition: 0, timestamp: (i) => T0 + i * 1000 });
  await produceN(bootstrap(), topic, 6, { partition: 1, timestamp: (i) => T0 + i * 1000 });
  const group = freshGroup('reset');
  await admin.setOffsets({
    groupId: group,
    topic,
    partitions: [
      { partition: 0, offset: '2' },
      { partition: 1, offset: '6' },
    ],
  });
  return { topic, group };
}

async function committed(group: string, topic: string): Promise<Record<number, number>> {
  const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return Object.fromEntries((entry?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
}

describe('group reset', () => {
  it('previews without changing anything, then earliest commits every log start', async () => {
    const { topic, group } = await scenario();
    const plan = await planGroupReset(admin, { groupId: group, to: { kind: 'earliest' } });
    expect(plan.groupState).toBe('Empty');
    expect(plan.activeMembers).toBe(0);
    expect(plan.rows).toEqual([
      { topic, partition: 0, current: 2, target: 0, logStart: 0, logEnd: 10, lagBefore: 8, lagAfter: 10 },
      { topic, partition: 1, current: 6, target: 0, logStart: 0, logEnd: 6, lagBefore: 0, lagAfter: 6 },
      { topic, partition: 2, current: null, target: 0, logStart: 0, logEnd: 0, lagBefore: null, lagAfter: 0 },
    ]);
    expect(await committed(group, topic)).toEqual({ 0: 2, 1: 6, 2: -1 });

    await applyGroupReset(admin, plan);
    expect(await committed(group, topic)).toEqual({ 0: 0, 1: 0, 2: 0 });
  });

  it('latest commits every log end', async () => {
    const { topic, group } = await scenario();
    const plan = await planGroupReset(admin, { groupId: group, to: { kind: 'latest' }, topics: [topic] });
    await applyGroupReset(admin, plan);
    expect(await committed(group, topic)).toEqual({ 0: 10, 1: 6, 2: 0 });
  });

  it('a timestamp commits the offsets kcat finds for it, and the log end where no record is that new', async () => {
    const { topic, group } = await scenario();
    const at = T0 + 4_500;
    const plan = await planGroupReset(admin, { groupId: group, to: { kind: 'timestamp', timestamp: at } });
    const kcat = [
      await kcatOffsetForTimestamp(bootstrap(), topic, 0, at),
      await kcatOffsetForTimestamp(bootstrap(), topic, 1, at),
    ];
    expect(kcat).toEqual([5, 5]);
    expect(plan.rows.map((r) => [r.target, r.note])).toEqual([
      [kcat[0], undefined],
      [kcat[1], undefined],
      [0, 'no record at or after the time: log end'],
    ]);
    await applyGroupReset(admin, plan);
    expect(await committed(group, topic)).toEqual({ 0: 5, 1: 5, 2: 0 });

    const late = await planGroupReset(admin, { groupId: group, to: { kind: 'timestamp', timestamp: T0 + 60_000 } });
    expect(late.rows.map((r) => r.target)).toEqual([10, 6, 0]);
  });

  it('specific offsets commit exactly the partitions listed; out-of-range ones are refused, or clamped', async () => {
    const { topic, group } = await scenario();
    const plan = await planGroupReset(admin, {
      groupId: group,
      to: { kind: 'specific', offsets: [{ topic, partition: 0, offset: 7 }] },
    });
    expect(plan.rows.map((r) => [r.partition, r.current, r.target, r.lagAfter])).toEqual([[0, 2, 7, 3]]);
    await applyGroupReset(admin, plan);
    expect(await committed(group, topic)).toEqual({ 0: 7, 1: 6, 2: -1 });

    const outside = {
      kind: 'specific' as const,
      offsets: [
        { topic, partition: 0, offset: 11 },
        { topic, partition: 1, offset: 99 },
      ],
    };
    await expect(planGroupReset(admin, { groupId: group, to: outside })).rejects.toMatchObject({
      hintId: 'offset-out-of-range',
      message: expect.stringContaining(`${topic}[0] 11 (log 0..10), ${topic}[1] 99 (log 0..6)`),
    });
    const clamped = await planGroupReset(admin, { groupId: group, to: outside, outOfRange: 'clamp' });
    expect(clamped.rows.map((r) => [r.target, r.note])).toEqual([
      [10, 'clamped to log end'],
      [6, 'clamped to log end'],
    ]);
    expect(await committed(group, topic)).toEqual({ 0: 7, 1: 6, 2: -1 });
  });

  it('refuses unknown topics and partitions, naming every one, and changes nothing', async () => {
    const { topic, group } = await scenario();
    const ghost = uniqueName('ghost');
    await expect(
      planGroupReset(admin, {
        groupId: group,
        to: {
          kind: 'specific',
          offsets: [
            { topic, partition: 0, offset: 1 },
            { topic, partition: 7, offset: 1 },
            { topic: ghost, partition: 0, offset: 1 },
          ],
        },
      }),
    ).rejects.toMatchObject({
      hintId: 'topic-missing',
      message: `cannot reset group "${group}": the cluster has no partition ${topic}[7], topic "${ghost}"`,
    });
    await expect(
      planGroupReset(admin, { groupId: group, to: { kind: 'earliest' }, topics: [topic, ghost, `${ghost}-2`] }),
    ).rejects.toThrow(`the cluster has no topic "${ghost}", topic "${ghost}-2"`);
    expect(await committed(group, topic)).toEqual({ 0: 2, 1: 6, 2: -1 });
  });

  it('asks for topics when the group has committed nothing', async () => {
    await expect(planGroupReset(admin, { groupId: freshGroup('empty'), to: { kind: 'earliest' } })).rejects.toThrow(
      /has no committed offsets: name the topics to reset/,
    );
  });

  it('refuses to apply while a consumer is in the group, naming it, and changes nothing', async () => {
    const { topic, group } = await scenario();
    const plan = await planGroupReset(admin, { groupId: group, to: { kind: 'earliest' } });
    const consumer: Consumer = kafkaClient(bootstrap(), { clientId: 'reset-test-member' }).consumer({
      groupId: group,
      sessionTimeout: 10_000,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
      await waitFor(async () => (await admin.describeGroups([group])).groups[0]?.state === 'Stable', {
        message: `group ${group} to become Stable with the consumer`,
      });

      const busy = await planGroupReset(admin, { groupId: group, to: { kind: 'earliest' } });
      expect(busy.groupState).toBe('Stable');
      expect(busy.activeMembers).toBe(1);
      expect(busy.members?.map((m) => m.clientId)).toEqual(['reset-test-member']);
      await expect(applyGroupReset(admin, plan)).rejects.toMatchObject({
        hintId: 'group-active',
        message: expect.stringMatching(/has 1 active member \(state Stable\): reset-test-member \(.+\); stop it/),
      });
      expect(await committed(group, topic)).toEqual({ 0: 2, 1: 6, 2: -1 });
    } finally {
      await consumer.disconnect();
    }
  });
});
