import { describe, expect, it } from 'vitest';
import { RecordError } from '../errors/index.js';
import type { SourceRecord } from '../source/source-record.js';
import { UndecodableRecords } from './undecodable-records.js';

const record = (offset: number): SourceRecord => ({
  topic: 't',
  partition: 1,
  offset,
  timestamp: 0,
  key: null,
  value: Buffer.from('{'),
  headers: {},
  bytes: 1,
});

describe('UndecodableRecords', () => {
  it('is absent for "fail", so the pipeline error fails the job', async () => {
    const source = { onDecodeError: 'fail' } as Parameters<typeof UndecodableRecords.open>[0];
    const deps = { metrics: { recordUndecodable: () => undefined }, logger: console, warn: () => undefined };
    expect(await UndecodableRecords.open(source, undefined as never, deps)).toBeUndefined();
  });

  it('counts every skipped record, warns for the first ones and then every thousandth, logs all', async () => {
    const counted: string[] = [];
    const warned: string[] = [];
    const logged: string[] = [];
    const logger = {
      debug: () => undefined,
      info: () => undefined,
      warn: (m: string) => logged.push(m),
      error: () => undefined,
    };
    const source = { onDecodeError: 'skip' } as Parameters<typeof UndecodableRecords.open>[0];
    const skipped = await UndecodableRecords.open(source, undefined as never, {
      metrics: { recordUndecodable: (outcome) => counted.push(outcome) },
      logger,
      warn: (m) => warned.push(m),
    });
    for (let offset = 0; offset < 2_000; offset++) {
      await skipped!.handler(record(offset), new RecordError('not JSON', record(offset), 'value'));
    }
    expect(skipped!.count).toBe(2_000);
    expect(counted).toHaveLength(2_000);
    expect(new Set(counted)).toEqual(new Set(['skipped']));
    expect(warned).toHaveLength(20 + 2);
    expect(warned[0]).toBe('skipped the record at t[1] offset 0: not JSON');
    expect(warned.at(-1)).toBe('skipped the record at t[1] offset 1999: not JSON (2000 undecodable records so far)');
    expect(logged).toHaveLength(2_000 - warned.length);
  });
});
