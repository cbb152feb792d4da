import { describe, expect, it } from 'vitest';
import { parseJobSpec } from '../../../../engine/spec/index';
import { emptyJobForm, formFromSpec, specFromForm } from './job-form-model';

describe('job form model', () => {
  it('builds a spec the job schema accepts, and reads it back', () => {
    const form = {
      ...emptyJobForm('local'),
      name: 'replay',
      topics: 'orders, payments',
      groupId: 'g',
      startMode: 'timestamp' as const,
      startTimestamp: '1700000000000',
      sinkTopic: 'orders-copy',
      filter: 'value.amount > 10',
    };
    const parsed = parseJobSpec(specFromForm(form));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.source.startFrom).toEqual({ mode: 'timestamp', timestamp: 1_700_000_000_000 });
    expect(formFromSpec(parsed.value)).toMatchObject({ topics: 'orders, payments', filter: 'value.amount > 10' });
  });

  it('keeps what the form does not show when editing', () => {
    const parsed = parseJobSpec({
      version: 1,
      name: 'j',
      source: { cluster: { profile: 'p' }, topics: ['t'], groupId: 'g', stopAt: { mode: 'latest' } },
      sink: { type: 'none' },
      restart: { strategy: 'none' },
    });
    if (!parsed.ok) throw new Error('fixture');
    const again = parseJobSpec(specFromForm(formFromSpec(parsed.value), parsed.value));
    expect(again.ok && again.value.source.stopAt).toEqual({ mode: 'latest' });
    expect(again.ok && again.value.restart).toEqual({ strategy: 'none' });
  });

  it('lets the schema name each field in error', () => {
    const parsed = parseJobSpec(
      specFromForm({ ...emptyJobForm(''), name: 'a b', startMode: 'timestamp', startTimestamp: 'soon' }),
    );
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining([
        'name',
        'source.cluster.profile',
        'source.topics',
        'source.groupId',
        'source.startFrom.timestamp',
        'sink.topic',
      ]),
    );
  });

  it('sets formats, the undecodable-record policy with a dead-letter topic, and the sink codec', () => {
    const form = {
      ...emptyJobForm('local'),
      name: 'copy',
      topics: 'orders',
      groupId: 'g',
      sinkTopic: 'orders-copy',
      valueFormat: 'json' as const,
      keyFormat: 'bytes' as const,
      onDecodeError: 'dead-letter' as const,
      deadLetterTopic: 'orders-dlq',
      compression: 'zstd' as const,
    };
    const parsed = parseJobSpec(specFromForm(form));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.source).toMatchObject({
      keyFormat: 'bytes',
      valueFormat: 'json',
      onDecodeError: 'dead-letter',
      deadLetter: { type: 'kafka', topic: 'orders-dlq' },
    });
    expect(parsed.value.sink).toMatchObject({ compression: 'zstd' });
    expect(formFromSpec(parsed.value)).toMatchObject({ deadLetterTopic: 'orders-dlq', compression: 'zstd' });
    const skipping = parseJobSpec(specFromForm({ ...formFromSpec(parsed.value), onDecodeError: 'skip' }, parsed.value));
    expect(skipping.ok && skipping.value.source.deadLetter).toBe(undefined);
  });
});
