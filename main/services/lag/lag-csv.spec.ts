import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { LAG_CSV_COLUMNS, lagHistoryCsv } from './lag-csv';

describe('lagHistoryCsv', () => {
  const history = {
    group: '=HYPERLINK("x")',
    groups: [
      { at: 2_000, status: 'STOP' as const, level: 'ERR' as const, totalLag: 7, maxTimeLagMs: 4_000 },
      { at: 1_000, status: 'OK' as const, level: 'OK' as const, totalLag: 0, maxTimeLagMs: null },
    ],
    partitions: [
      {
        at: 2_000,
        topic: '+orders',
        partition: 3,
        status: 'STOP' as const,
        lag: 7,
        timeLagMs: 4_000,
        offset: 10,
        logEnd: 17,
        lastCommitAt: 1_500,
      },
    ],
  };

  it('writes the group total then its partitions at each time, oldest first, formulas neutralized', () => {
    const { content, rows } = lagHistoryCsv('prod', history);
    expect(rows).toBe(3);
    const parsed = parse(content, { columns: true }) as Record<string, string>[];
    expect(Object.keys(parsed[0]!)).toEqual([...LAG_CSV_COLUMNS]);
    expect(parsed.map((r) => [r['time'], r['topic'], r['partition'], r['status'], r['level'], r['lag']])).toEqual([
      ['1970-01-01T00:00:01.000Z', '', '', 'OK', 'OK', '0'],
      ['1970-01-01T00:00:02.000Z', '', '', 'STOP', 'ERR', '7'],
      ['1970-01-01T00:00:02.000Z', "'+orders", '3', 'STOP', 'ERR', '7'],
    ]);
    expect(parsed[0]!['group']).toBe(`'=HYPERLINK("x")`);
    expect(parsed[0]!['time_lag_ms']).toBe('');
    expect(parsed[2]).toMatchObject({
      time_lag_ms: '4000',
      committed_offset: '10',
      log_end_offset: '17',
      last_commit: '1970-01-01T00:00:01.500Z',
    });
  });
});
