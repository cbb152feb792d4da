import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams, fuzzTimeoutMs } from '../fuzz-params.js';
import { DETAILED_CSV_MARK, formatDetailedCsv, formatOffsetsCsv } from './format-csv.js';
import { formatJsonReport } from './format-json.js';
import { parseReport } from './parse-report.js';
import { REPORT_COLUMNS } from './report-columns.js';
import { ReportFormatError } from './report-errors.js';
import { sampleReport } from './report-fixture.js';
import { reportOffset, REPORT_VERSION, type OffsetReport, type ReportPartition } from './report-schema.js';

/** Parses, and holds any failure to the contract: a ReportFormatError naming lines that exist. */
function parseOrExplain(text: string): void {
  let error: unknown;
  try {
    const parsed = parseReport(text, 'fuzz.csv');
    expect(parsed.offsets.length).toBeGreaterThan(0);
    return;
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReportFormatError);
  const problems = (error as ReportFormatError).problems;
  expect(problems.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const problem of problems) {
    expect(problem.message).not.toBe('');
    if (problem.line !== undefined) {
      expect(Number.isInteger(problem.line)).toBe(true);
      expect(problem.line).toBeGreaterThanOrEqual(1);
      expect(problem.line).toBeLessThanOrEqual(lines);
    }
  }
}

// Pieces a report file is made of, so random text often gets deep into the parser.
const TOKENS = [
  ',',
  '"',
  '""',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '#',
  '# ',
  "'",
  '=',
  '-',
  '\ufeff',
  DETAILED_CSV_MARK,
  REPORT_COLUMNS.map((c) => c.key).join(','),
  'topic,partition,offset',
  '"# kind: job"',
  '"# kind: group"',
  '"# group: ',
  '"# cluster: prod"',
  '"# report taken at: 2024-01-01T00:00:00.000Z"',
  '"# sluice version: 0.1.0"',
  '"# checkpoint: 7"',
  'orders',
  '0',
  '42',
  '-1',
  '9007199254740993',
  '2024-01-01T00:00:00.000Z',
  '{',
  '}',
  '[',
  ']',
  ':',
  '"version": 1',
  '"partitions": []',
];
const tokenText = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ unit: 'binary', maxLength: 4 })), {
  maxLength: 60,
});

/** A valid file Sluice wrote, then cut, spliced and overwritten at random places. */
const damagedExport = fc
  .tuple(
    fc.constantFrom(
      formatDetailedCsv(sampleReport()),
      formatDetailedCsv(sampleReport({ kind: 'group', groupId: 'a,"b"\n=c' })),
      formatOffsetsCsv(sampleReport()),
      formatJsonReport(sampleReport()),
    ),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.constantFrom(...TOKENS, '')), { minLength: 1, maxLength: 4 }),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, cut, insert]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + insert + t.slice(i + cut);
    }, text),
  );

const topic = fc.stringMatching(/^[A-Za-z0-9._-]{1,12}$/);
const offset = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const ms = fc.integer({ min: -8_640_000_000_000_000, max: 8_640_000_000_000_000 });
const text = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });

const partitionRow: fc.Arbitrary<ReportPartition> = fc.record({
  topic,
  partition: fc.nat({ max: 10_000 }),
  checkpointedOffset: fc.option(offset, { nil: null }),
  committedOffset: fc.option(offset, { nil: null }),
  logStartOffset: offset,
  logEndOffset: offset,
  lag: fc.option(offset, { nil: null }),
  timestampAtOffset: fc.option(ms, { nil: null }),
});

/** Any report the JSON schema accepts (times within what a Date can print). */
const report: fc.Arbitrary<OffsetReport> = fc.record({
  version: fc.constant(REPORT_VERSION),
  kind: fc.constantFrom('job' as const, 'group' as const),
  cluster: text,
  job: fc.option(text, { nil: null }),
  groupId: fc.option(text, { nil: null }),
  checkpointId: fc.option(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { nil: null }),
  checkpointTakenAt: fc.option(fc.nat({ max: 8_640_000_000_000_000 }), { nil: null }),
  takenAt: fc.nat({ max: 8_640_000_000_000_000 }),
  sluiceVersion: text,
  partitions: fc.uniqueArray(partitionRow, { selector: (p) => `${p.topic}/${p.partition}`, maxLength: 8 }),
});

const offsetsOf = (r: OffsetReport) =>
  r.partitions.flatMap((p) => {
    const o = reportOffset(r, p);
    return o === null ? [] : [{ topic: p.topic, partition: p.partition, offset: o }];
  });

describe('parseReport on arbitrary input', () => {
  it(
    'returns offsets or a ReportFormatError naming real lines, for any text',
    () => fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), parseOrExplain), fuzzParams()),
    fuzzTimeoutMs(),
  );

  it(
    'the same for text made of report pieces',
    () =>
      fc.assert(
        fc.property(tokenText, (tokens) => parseOrExplain(tokens.join(''))),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );

  it(
    'the same for damaged exports',
    () => fc.assert(fc.property(damagedExport, parseOrExplain), fuzzParams()),
    fuzzTimeoutMs(),
  );
});

describe('the CSV writers round trip', () => {
  it(
    'the detailed CSV reads back as the report it was written from',
    () =>
      fc.assert(
        fc.property(report, (r) => {
          fc.pre(offsetsOf(r).length > 0);
          expect(parseReport(formatDetailedCsv(r), 'r.csv')).toEqual({
            format: 'csv',
            offsets: offsetsOf(r),
            report: r,
          });
        }),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );

  it(
    "Kafka's offsets CSV reads back as the report's offsets",
    () =>
      fc.assert(
        fc.property(report, (r) => {
          fc.pre(offsetsOf(r).length > 0);
          expect(parseReport(formatOffsetsCsv(r), 'r.csv')).toEqual({ format: 'offsets-csv', offsets: offsetsOf(r) });
        }),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );
});
