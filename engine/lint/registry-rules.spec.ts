import { describe, expect, it } from 'vitest';
import { parseJobSpec, type JobSpec } from '../spec/index';
import type { LintInputs } from './lint-inputs';
import { mapResultFields, REGISTRY_RULES } from './registry-rules';

function inputs(map: string | undefined, sink: Record<string, unknown> = {}, valueFormat = 'avro'): LintInputs {
  const parsed = parseJobSpec({
    version: 1,
    name: 'lint-registry',
    source: { cluster: { bootstrapServers: ['b:9092'] }, topics: ['orders'], groupId: 'g', valueFormat },
    ...(map === undefined ? {} : { transform: { map } }),
    sink: { type: 'kafka', topic: 'out', ...sink },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return { spec: parsed.value as JobSpec, source: undefined, sink: undefined } as unknown as LintInputs;
}

const findings = (i: LintInputs) => REGISTRY_RULES.flatMap((rule) => rule.check(i));

describe('registry-map-without-schema', () => {
  it('reports a map that sets the value of an avro source when the sink has no valueSchema', () => {
    expect(findings(inputs('{"value": value.order}'))).toEqual([
      {
        where: 'transform.map',
        message:
          'transform.map sets the value of a avro source, but the Kafka sink has no valueSchema to encode it: the job fails at the first mapped record',
        remedy:
          'add sink.valueSchema ({"format": "avro", "subject": ...} or {"format": "avro", "file": ...}), ' +
          'or leave value out of the map result so the source bytes pass through',
      },
    ]);
  });

  it('is quiet with a valueSchema, for a json source, for a map that sets only headers, and without a map', () => {
    expect(findings(inputs('{"value": value}', { valueSchema: { format: 'avro', subject: 's' } }))).toEqual([]);
    expect(findings(inputs('{"value": value}', {}, 'json'))).toEqual([]);
    expect(findings(inputs('{"headers": {"a": "b"}}'))).toEqual([]);
    expect(findings(inputs(undefined))).toEqual([]);
  });
});

describe('registry-schema-unused', () => {
  it('notes a valueSchema on an avro source that no map sets', () => {
    expect(findings(inputs(undefined, { valueSchema: { format: 'avro', subject: 's' } }))).toEqual([
      {
        where: 'sink.valueSchema',
        message:
          "sink.valueSchema is never used: the source's value is avro and no map sets it, so its bytes pass through as they are",
        remedy: 'set value in transform.map to re-encode it, or leave sink.valueSchema out',
      },
    ]);
    expect(findings(inputs('{"headers": {}}', { valueSchema: { format: 'avro', subject: 's' } }))).toHaveLength(1);
  });

  it('is quiet for a json source (its values are encoded), and for a map of unknown shape', () => {
    expect(findings(inputs(undefined, { valueSchema: { format: 'avro', subject: 's' } }, 'json'))).toEqual([]);
    expect(findings(inputs('$merge([$, {}])', { valueSchema: { format: 'avro', subject: 's' } }))).toEqual([]);
  });
});

describe('mapResultFields', () => {
  it('reads object constructors through conditions and blocks; unknown shapes say nothing', () => {
    expect([...mapResultFields('x ? {"value": 1, "key": 2} : ($a := 1; {"headers": {}})')].sort()).toEqual([
      'headers',
      'key',
      'value',
    ]);
    expect([...mapResultFields('$merge([{"value": 1}, $])')]).toEqual([]);
    expect([...mapResultFields('{')]).toEqual([]);
  });
});
