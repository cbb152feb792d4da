import { isRegistryFormat, writeSchemaRemedy, type RegistryFormat } from '../spec/index.js';
import { jsonataModule } from '../spec/jsonata-module.js';
import type { LintRule } from './rules.js';

type Node = {
  type: string;
  value?: unknown;
  lhs?: unknown;
  then?: Node;
  else?: Node;
  expressions?: Node[];
};

/**
 * The top-level field names a map's result surely sets: the keys of its object constructor, through
 * conditions (either branch) and blocks (the last expression). Other shapes ($merge, paths) are not
 * known without records, so they say nothing.
 */
export function mapResultFields(expression: string): Set<string> {
  const fields = new Set<string>();
  let ast: Node;
  try {
    ast = jsonataModule()(expression).ast() as Node;
  } catch {
    return fields;
  }
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    if (node.type === 'unary' && node.value === '{' && Array.isArray(node.lhs)) {
      for (const [name] of node.lhs as [Node, Node][]) if (name.type === 'string') fields.add(String(name.value));
    } else if (node.type === 'condition') {
      visit(node.then);
      visit(node.else);
    } else if (node.type === 'block') {
      visit(node.expressions?.at(-1));
    }
  };
  visit(ast);
  return fields;
}

export const REGISTRY_RULES: readonly LintRule[] = [
  {
    id: 'registry-map-without-schema',
    hintId: 'spec-invalid',
    severity: 'critical',
    summary:
      'transform.map sets a key or value of an avro, protobuf or json-schema source, and the Kafka sink has no keySchema/valueSchema to encode it',
    check({ spec }) {
      if (spec.sink.type !== 'kafka' || spec.transform?.map === undefined) return [];
      const sink = spec.sink;
      const set = mapResultFields(spec.transform.map);
      return (['key', 'value'] as const)
        .filter((field) => set.has(field) && isRegistryFormat(spec.source[`${field}Format`]))
        .filter((field) => sink[`${field}Schema`] === undefined && !(field === 'key' && sink.key === 'none'))
        .map((field) => {
          const format = spec.source[`${field}Format`] as RegistryFormat;
          return {
            where: 'transform.map',
            message: `transform.map sets the ${field} of a ${format} source, but the Kafka sink has no ${field}Schema to encode it: the job fails at the first mapped record`,
            remedy: writeSchemaRemedy(field, format),
          };
        });
    },
  },
  {
    id: 'registry-schema-unused',
    hintId: 'spec-invalid',
    severity: 'info',
    summary:
      'sink.keySchema / valueSchema on an avro, protobuf or json-schema source that no map sets: records pass through and the schema is never used',
    check({ spec }) {
      if (spec.sink.type !== 'kafka') return [];
      const sink = spec.sink;
      const map = spec.transform?.map;
      // A map whose result is not an object constructor may set anything.
      const set = map === undefined ? new Set<string>() : mapResultFields(map);
      if (map !== undefined && set.size === 0) return [];
      return (['key', 'value'] as const)
        .filter((field) => sink[`${field}Schema`] !== undefined && isRegistryFormat(spec.source[`${field}Format`]))
        .filter((field) => !set.has(field))
        .map((field) => ({
          where: `sink.${field}Schema`,
          message: `sink.${field}Schema is never used: the source's ${field} is ${spec.source[`${field}Format`]} and no map sets it, so its bytes pass through as they are`,
          remedy: `set ${field} in transform.map to re-encode it, or leave sink.${field}Schema out`,
        }));
    },
  },
];
