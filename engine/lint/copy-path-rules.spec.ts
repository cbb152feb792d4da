import { describe, expect, it } from 'vitest';
import { parseJobSpec, type JobSpec } from '../spec/index';
import type { LintInputs, TopicFacts } from './lint-inputs';
import { COPY_PATH_RULES, isCopyPathFinding } from './copy-path-rules';
import { applyRules, LINT_RULES } from './rules';

// A plain copy that is eligible for the shallow path; each case changes one thing.
const ELIGIBLE = {
  source: { keyFormat: 'bytes', valueFormat: 'string' },
  sink: { type: 'kafka', topic: 'out', partitioner: 'source-partition', writeTimestamp: true },
};

function spec(source: Record<string, unknown> = {}, sink: Record<string, unknown> = {}, extra = {}): JobSpec {
  const parsed = parseJobSpec({
    version: 1,
    name: 'copy-path-fixture',
    source: {
      cluster: { bootstrapServers: ['b:9092'] },
      topics: ['orders'],
      groupId: 'g',
      ...ELIGIBLE.source,
      ...source,
    },
    // `undefined` takes a setting out (back to its default).
    sink: Object.fromEntries(Object.entries({ ...ELIGIBLE.sink, ...sink }).filter(([, v]) => v !== undefined)),
    ...extra,
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
}

const topic = (name: string, partitions: number): TopicFacts => ({ name, exists: true, partitions, configs: {} });
const cluster = { bootstrap: 'b:9092', brokerId: 1, brokerConfigs: {} };
const withTopics = (jobSpec: JobSpec, source: TopicFacts[], sink: TopicFacts): LintInputs => ({
  spec: jobSpec,
  source: { cluster, topics: source },
  sink: { cluster, topic: sink },
});

const found = (inputs: LintInputs) => applyRules(inputs, COPY_PATH_RULES);
const blockers = (inputs: LintInputs) =>
  found(inputs).map((f) => {
    expect(f).toMatchObject({ ruleId: 'shallow-copy-blocked', severity: 'info', hintId: 'shallow-copy' });
    return f.where;
  });

describe('copy path lint rules', () => {
  it('says an eligible job copies record batches as bytes, with or without cluster facts', () => {
    const alone = found({ spec: spec() });
    expect(alone).toEqual([
      expect.objectContaining({ ruleId: 'shallow-copy', severity: 'info', hintId: 'shallow-copy', where: 'sink' }),
    ]);
    expect(alone[0]!.message).toMatch(/^copies record batches as bytes \(shallow copy\)/);
    expect(alone[0]!.message).toContain('the run checks at start that the sink topic has a partition');
    const checked = found(withTopics(spec(), [topic('orders', 3)], topic('out', 3)));
    expect(checked.map((f) => f.ruleId)).toEqual(['shallow-copy']);
    expect(checked[0]!.message).toContain('sink topic "out" has a partition for every source partition');
  });

  // One row per blocker: the settings that make the job copy record by record, and the field named.
  const CASES: {
    name: string;
    source?: Record<string, unknown>;
    sink?: Record<string, unknown>;
    where: string;
    says: RegExp;
  }[] = [
    {
      name: 'a json key',
      source: { keyFormat: 'json' },
      where: 'source.keyFormat',
      says: /"json" checks that every record parses/,
    },
    {
      name: 'an avro value',
      source: { valueFormat: 'avro' },
      where: 'source.valueFormat',
      says: /"avro" decodes every record with its schema/,
    },
    {
      name: 'a key schema',
      sink: { keySchema: { format: 'avro', subject: 'k' } },
      where: 'sink.keySchema',
      says: /encoding keys with a schema/,
    },
    {
      name: 'a value schema',
      sink: { valueSchema: { format: 'avro', subject: 'v' } },
      where: 'sink.valueSchema',
      says: /encoding values with a schema/,
    },
    { name: 'dropped keys', sink: { key: 'none' }, where: 'sink.key', says: /"none" drops every key/ },
    {
      name: 'murmur2',
      sink: { partitioner: 'murmur2' },
      where: 'sink.partitioner',
      says: /"murmur2" picks each record's partition/,
    },
    {
      name: 'timestamps of sending',
      sink: { writeTimestamp: false },
      where: 'sink.writeTimestamp',
      says: /false stamps records with the time of sending/,
    },
    {
      name: 'recompression',
      sink: { compression: 'lz4' },
      where: 'sink.compression',
      says: /"lz4" compresses every batch again/,
    },
  ];
  for (const c of CASES) {
    it(`names ${c.where} for ${c.name}`, () => {
      const hits = found({ spec: spec(c.source, c.sink) });
      expect(blockers({ spec: spec(c.source, c.sink) })).toEqual([c.where]);
      expect(hits[0]!.message).toMatch(/^copies record by record instead of forwarding record batches as bytes: /);
      expect(hits[0]!.message).toMatch(c.says);
      expect(hits[0]!.remedy).toContain('change this');
    });
  }

  it('lists every blocker of a default Kafka sink, and says all of them must go', () => {
    const defaults = spec({ keyFormat: 'json' }, { partitioner: undefined, writeTimestamp: undefined });
    const hits = found({ spec: defaults });
    expect(hits.map((f) => f.where)).toEqual(['source.keyFormat', 'sink.partitioner', 'sink.writeTimestamp']);
    for (const hit of hits) expect(hit.remedy).toContain('change all 3 shallow-copy-blocked findings');
  });

  it('names the sink topic when it has fewer partitions than the widest source topic', () => {
    const narrow = withTopics(spec(), [topic('orders', 2), topic('refunds', 6)], topic('out', 4));
    expect(blockers(narrow)).toEqual(['sink.topic']);
    expect(found(narrow)[0]!.message).toContain('"out" has 4 partitions and the source 6');
    // A missing sink topic or unread partitions leave the check to the run.
    const missing = withTopics(spec(), [topic('orders', 6)], { name: 'out', exists: false, configs: {} });
    expect(found(missing).map((f) => f.ruleId)).toEqual(['shallow-copy']);
  });

  it('says nothing for a job with a transform or a sink other than Kafka', () => {
    expect(found({ spec: spec({}, {}, { transform: { filter: 'value != ""' } }) })).toEqual([]);
    expect(found({ spec: spec({}, {}, { transform: { map: '{"value": value}' } }) })).toEqual([]);
    expect(
      found({ spec: spec({}, { type: 'none', topic: undefined, partitioner: undefined, writeTimestamp: undefined }) }),
    ).toEqual([]);
  });

  it('is part of the lint rules, and its findings are told apart from the safety ones', () => {
    const all = applyRules({ spec: spec({}, { partitioner: 'murmur2' }) }, LINT_RULES);
    expect(all.filter(isCopyPathFinding).map((f) => f.where)).toEqual(['sink.partitioner']);
    expect(all.filter((f) => !isCopyPathFinding(f))).toEqual([]);
  });
});
