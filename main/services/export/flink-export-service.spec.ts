import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointStore } from '../../../engine/checkpoints/index';
import { parseClusterProfile, type ClusterProfile } from '../../../engine/spec/cluster-profile';
import { parseJobSpec, type JobSpec } from '../../../engine/spec/index';
import { FlinkExportService } from './flink-export-service';

function job(extra: Record<string, unknown> = {}): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: 'orders-copy',
    source: { cluster: { profile: 'prod' }, topics: ['orders'], groupId: 'g', valueFormat: 'json' },
    sink: { type: 'kafka', topic: 'orders-copy' },
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const prodParsed = parseClusterProfile({
  name: 'prod',
  bootstrapServers: ['k1:9093'],
  sasl: { mechanism: 'plain', username: 'svc', password: { secret: 'store:prod-password' } },
});
if (!prodParsed.ok) throw new Error('fixture profile is invalid');
const prod: ClusterProfile = prodParsed.value;

const service = (spec: JobSpec, stateDir = mkdtempSync(join(tmpdir(), 'flink-export-'))) =>
  new FlinkExportService({
    getJob: (name) => (name === spec.name ? spec : undefined),
    getCluster: (name) => (name === 'prod' ? prod : undefined),
    stateDir,
  });

describe('FlinkExportService', () => {
  it("exports the saved job with its profile's settings and the secret as a placeholder", async () => {
    const reply = await service(job()).export({ name: 'orders-copy' });
    if (!reply.ok) throw new Error(reply.problems.join('\n'));
    expect(reply.fileName).toBe('orders-copy.flink.sql');
    expect(reply.sql).toContain("'properties.bootstrap.servers' = 'k1:9093'");
    expect(reply.sql).toContain('password="${SASL_PASSWORD}"');
    expect(reply.placeholders).toEqual(['${SASL_PASSWORD}']);
  });

  it('lists what does not translate, one line each, or leaves TODOs when asked', async () => {
    const spec = job({ transform: { filter: '$match(value.name, /x/)', map: '{"value": $keys(value)}' } });
    expect(await service(spec).export({ name: 'orders-copy' })).toEqual({
      ok: false,
      problems: [
        'transform.filter:1:1: $match has no SQL translation',
        'transform.map:1:11: $keys has no SQL translation',
      ],
    });
    const allowed = await service(spec).export({ name: 'orders-copy', allowTodo: true });
    expect(allowed.ok && allowed.todos).toHaveLength(2);
  });

  it("starts at a checkpoint's offsets", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'flink-export-'));
    const store = new CheckpointStore({ stateDir, jobName: 'orders-copy', retain: 3 });
    await store.prepare();
    const { checkpointId } = await store.write({
      jobName: 'orders-copy',
      checkpointId: await store.nextId(),
      takenAt: Date.now(),
      offsets: [{ topic: 'orders', partition: 0, offset: 12 }],
      partitions: [{ topic: 'orders', partition: 0 }],
      sink: null,
    });
    const reply = await service(job(), stateDir).export({ name: 'orders-copy', checkpointId });
    expect(reply.ok && reply.sql).toContain("'scan.startup.specific-offsets' = 'partition:0,offset:12'");
    expect(reply.ok && reply.fileName).toBe(`orders-copy-from-${checkpointId}.flink.sql`);
    await expect(service(job(), stateDir).export({ name: 'orders-copy', checkpointId: 99 })).rejects.toThrow(
      /checkpoint 99 of job "orders-copy" does not exist/,
    );
  });

  it('refuses an unknown job by name', async () => {
    await expect(service(job()).export({ name: 'nope' })).rejects.toThrow('no job named "nope"');
  });
});
