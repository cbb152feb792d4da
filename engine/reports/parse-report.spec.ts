import { describe, expect, it } from 'vitest';
import { formatDetailedCsv, formatOffsetsCsv } from './format-csv.js';
import { formatJsonReport } from './format-json.js';
import { parseReport } from './parse-report.js';
import { ReportFormatError } from './report-errors.js';
import { sampleReport } from './report-fixture.js';

const problemsOf = (text: string): string[] => {
  try {
    parseReport(text, 'r.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(ReportFormatError);
    return (error as ReportFormatError).problems.map((p) =>
      p.line === undefined ? p.message : `line ${p.line}: ${p.message}`,
    );
  }
  throw new Error('parsed without problems');
};

const JOB_OFFSETS = [
  { topic: 'orders', partition: 0, offset: 120 },
  { topic: 'orders', partition: 1, offset: 75 },
];

describe('parseReport', () => {
  it('reads back every format Sluice writes, with the same offsets', () => {
    const report = sampleReport();
    const json = parseReport(formatJsonReport(report), 'r.json');
    expect(json).toEqual({ format: 'json', offsets: JOB_OFFSETS, report });
    expect(parseReport(formatDetailedCsv(report), 'r.csv')).toEqual({ format: 'csv', offsets: JOB_OFFSETS, report });
    expect(parseReport(formatOffsetsCsv(report), 'r.csv')).toEqual({ format: 'offsets-csv', offsets: JOB_OFFSETS });
  });

  it("reads a group report's committed offsets, and Kafka's CSV with CRLF and blank lines", () => {
    const group = sampleReport({ kind: 'group', job: null, checkpointId: null, checkpointTakenAt: null });
    expect(parseReport(formatJsonReport(group), 'g.json').offsets).toEqual([
      { topic: 'orders', partition: 0, offset: 118 },
      { topic: 'orders', partition: 1, offset: 75 },
    ]);
    expect(parseReport('\ufefforders,0,5\r\n\r\npayments.eu-1,12,0\r\n', 'k.csv').offsets).toEqual([
      { topic: 'orders', partition: 0, offset: 5 },
      { topic: 'payments.eu-1', partition: 12, offset: 0 },
    ]);
  });

  it('reads a CSV with mixed line endings line by line (found by the fuzz spec)', () => {
    expect(problemsOf('a,0,1\r\nb,0,1\nc,0,x\n')).toEqual(['line 3: offset "x" is not a number']);
    expect(problemsOf('a,0,1\nb,0,1\r\nc,0,x\rd,0,y')).toEqual([
      'line 3: offset "x" is not a number',
      'line 4: offset "y" is not a number',
    ]);
  });

  it('counts a CRLF inside a quoted cell as one line break, and names where an unclosed quote opened', () => {
    expect(problemsOf('a,"x\r\ny",1\r\nb,0,z')).toEqual([
      'line 2: partition "x\r\ny" is not a number',
      'line 3: offset "z" is not a number',
    ]);
    expect(problemsOf('orders,0,1\r\n\r\n# note\r\norders,1,"2\r\norders,2,3\r\n')).toEqual([
      'line 4: not valid CSV: the quoted cell opened on line 4 is never closed',
    ]);
  });

  it('names every bad line of a CSV and refuses the whole file', () => {
    const text = [
      'orders,0,5',
      'orders,x,5',
      'orders,2',
      'orders,3,-4',
      'bad topic!,1,1',
      'orders,0,9',
      'orders,4,5,6',
    ].join('\n');
    expect(problemsOf(text)).toEqual([
      'line 2: partition "x" is not a number',
      'line 3: truncated (expected 3 columns, got 2)',
      'line 4: offset "-4" is not a number (offsets are 0 or more)',
      'line 5: topic "bad topic!" is not a Kafka topic name',
      'line 6: duplicate topic-partition orders/0 on lines 1 and 6',
      'line 7: expected 3 columns, got 4',
    ]);
    expect(() => parseReport(text, 'r.csv')).toThrow(
      /r\.csv is not a valid offset report \(6 problems\); nothing was applied/,
    );
  });

  it('refuses empty files and files without offsets', () => {
    expect(problemsOf('  \n')).toEqual(['the file is empty']);
    expect(problemsOf(formatOffsetsCsv(sampleReport({ partitions: [] })) || '\n')).toEqual(['the file is empty']);
    expect(problemsOf(formatDetailedCsv(sampleReport({ partitions: [] })))).toEqual([
      'the report holds no offsets to apply',
    ]);
  });

  it('refuses a detailed CSV whose header row was changed, naming its line', () => {
    const text = formatDetailedCsv(sampleReport()).replace('log_end_offset', 'end');
    expect(problemsOf(text)[0]).toMatch(/^line 10: expected the header row "topic,partition,offset,/);
  });

  it('refuses a truncated JSON report, naming the line', () => {
    const text = formatJsonReport(sampleReport());
    const cut = text.slice(0, text.indexOf('"logEndOffset": 75') + 10);
    const [problem] = problemsOf(cut);
    expect(problem).toMatch(/^line 28: column 7: unterminated string \(the file ends here: truncated\?\)$/);
    expect(problemsOf(text.slice(0, text.indexOf('"lag": 30,') + 10))[0]).toMatch(
      /^line \d+: column \d+: unexpected end of input.*cut short/,
    );
  });

  it('refuses JSON that breaks the schema or carries duplicates, naming the field', () => {
    const report = sampleReport();
    const bad = JSON.parse(formatJsonReport(report));
    bad.partitions[1].checkpointedOffset = -3;
    bad.partitions[2].partition = 'two';
    expect(problemsOf(JSON.stringify(bad))).toEqual([
      'partitions[1].checkpointedOffset: Too small: expected number to be >=0',
      'partitions[2].partition: Invalid input: expected number, received string',
    ]);
    const dup = sampleReport();
    dup.partitions[2] = { ...dup.partitions[0]! };
    expect(problemsOf(formatJsonReport(dup))).toEqual([
      'duplicate topic-partition orders/0 in partitions[0] and partitions[2]',
    ]);
  });

  it('refuses a report from a newer Sluice', () => {
    const newer = JSON.stringify({ ...sampleReport(), version: 2 });
    expect(problemsOf(newer)).toEqual(['report format version 2 is newer than this Sluice reads (up to 1)']);
  });
});
