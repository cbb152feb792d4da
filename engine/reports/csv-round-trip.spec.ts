import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatDetailedCsv } from './format-csv.js';
import { parseReport } from './parse-report.js';
import { sampleReport } from './report-fixture.js';

// Group ids are free text (Kafka only limits their length): each of these once broke the detailed CSV.
const AWKWARD_GROUPS = [
  'a,=HYPERLINK("http://evil.example","x")',
  'say "hi", then leave',
  'line one\n# kind: group\norders,9,999',
  '=1+2',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1)',
  '\t=tab',
  '\r=cr',
  "'quoted already",
  "'=both",
  '  padded  ',
  'unknown',
  'grüße-日本-🚀',
  '# not a comment',
];

/** Every cell as a spreadsheet reads the file: no comment lines, nothing trimmed. */
const spreadsheetCells = (csv: string): string[][] => parse(csv, { relax_column_count: true }) as string[][];
const DANGEROUS_START = /^[=+\-@\t\r]/;

describe('the detailed CSV', () => {
  it.each(AWKWARD_GROUPS)('reads back exactly the report it was written from (group %j)', (groupId) => {
    const report = sampleReport({ groupId, cluster: `${groupId} cluster`, job: groupId });
    expect(parseReport(formatDetailedCsv(report), 'r.csv')).toEqual({
      format: 'csv',
      offsets: [
        { topic: 'orders', partition: 0, offset: 120 },
        { topic: 'orders', partition: 1, offset: 75 },
      ],
      report,
    });
  });

  it.each(AWKWARD_GROUPS)('gives a spreadsheet no formula and no extra row (group %j)', (groupId) => {
    const csv = formatDetailedCsv(sampleReport({ groupId, cluster: groupId }));
    const cells = spreadsheetCells(csv);
    // The mark, 8 header fields, the column row and 3 partitions: one record each.
    expect(cells).toHaveLength(1 + 8 + 1 + 3);
    for (const cell of cells.flat()) expect(cell).not.toMatch(DANGEROUS_START);
  });

  it('neutralizes topic names that start like a formula and reads them back', () => {
    const report = sampleReport();
    report.partitions = report.partitions.map((p) => ({ ...p, topic: '-orders' }));
    report.partitions.forEach((p, i) => (p.partition = i));
    const csv = formatDetailedCsv(report);
    expect(csv).toContain("\n'-orders,0,120,");
    for (const cell of spreadsheetCells(csv).flat()) expect(cell).not.toMatch(DANGEROUS_START);
    expect(parseReport(csv, 'r.csv').report).toEqual(report);
  });

  it('reads a group report without a group id, a checkpoint or a job back as null', () => {
    const report = sampleReport({
      kind: 'group',
      job: null,
      groupId: null,
      checkpointId: null,
      checkpointTakenAt: null,
    });
    expect(parseReport(formatDetailedCsv(report), 'r.csv').report).toEqual(report);
  });

  it('names the line of a damaged header field', () => {
    const csv = formatDetailedCsv(sampleReport()).replace('"# checkpoint: 42"', '"# checkpoint: soon"');
    expect(() => parseReport(csv, 'r.csv')).toThrow(/line 6: checkpoint: "soon" is not a checkpoint id/);
  });

  it('still reads the offsets of a detailed CSV from before the header fields were quoted', () => {
    const old = [
      '# sluice offset report v1',
      '# kind: job',
      '# group: a,b',
      'topic,partition,offset,checkpointed_offset,committed_offset,log_start_offset,log_end_offset,lag,timestamp_at_offset',
      'orders,0,120,120,118,0,150,30,',
    ].join('\n');
    expect(parseReport(old, 'r.csv')).toEqual({
      format: 'csv',
      offsets: [{ topic: 'orders', partition: 0, offset: 120 }],
    });
  });
});
