import { describe, expect, it } from 'vitest';
import { formatAge, formatBytes, formatCount, formatRate } from './format.js';
import { formatTable, toRecords, type Column } from './table.js';

describe('format', () => {
  it('formats sizes, ages, rates and counts', () => {
    expect([formatBytes(812), formatBytes(4198), formatBytes(12 * 1024 * 1024)]).toEqual([
      '812 B',
      '4.1 KiB',
      '12.0 MiB',
    ]);
    expect([formatAge(850), formatAge(4200), formatAge(192_000), formatAge(7_500_000)]).toEqual([
      '850ms',
      '4.2s',
      '3m12s',
      '2h05m',
    ]);
    expect([formatRate(950), formatRate(12_345), formatRate(1_200_000), formatRate(NaN)]).toEqual([
      '950/s',
      '12.3k/s',
      '1.20M/s',
      '-',
    ]);
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });
});

describe('formatTable', () => {
  interface Row {
    name: string;
    n: number | null;
  }
  const columns: Column<Row>[] = [
    { header: 'NAME', key: 'name', align: 'left', value: (r) => r.name },
    { header: 'N', key: 'n', align: 'right', value: (r) => r.n },
  ];

  it('pads left- and right-aligned columns and shows null as "-"', () => {
    const rows = [
      { name: 'a', n: 1000 },
      { name: 'longer', n: null },
    ];
    expect(formatTable(columns, rows)).toBe(['NAME       N', 'a       1000', 'longer     -'].join('\n'));
    expect(toRecords(columns, rows)).toEqual([
      { name: 'a', n: 1000 },
      { name: 'longer', n: null },
    ]);
  });
});
