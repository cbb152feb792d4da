import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportJsonSchema } from './report-schema.js';

// docs/report-schema.json is what other tools validate Sluice's JSON reports with; it must be the
// schema imports are checked with. Regenerate it with:
//   npx tsx -e "import('./engine/reports/report-schema.ts').then(m => console.log(JSON.stringify(m.reportJsonSchema(), null, 2)))" > docs/report-schema.json
describe('docs/report-schema.json', () => {
  it('is the JSON Schema of the report schema', () => {
    const file = join(import.meta.dirname, '..', '..', 'docs', 'report-schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(reportJsonSchema());
  });

  it('requires the version and every partition column', () => {
    const schema = reportJsonSchema() as {
      required: string[];
      properties: { version: unknown; partitions: { items: { required: string[] } } };
    };
    expect(schema.required).toContain('version');
    expect(schema.properties.version).toEqual({ type: 'number', const: 1 });
    expect(schema.properties.partitions.items.required).toEqual([
      'topic',
      'partition',
      'checkpointedOffset',
      'committedOffset',
      'logStartOffset',
      'logEndOffset',
      'lag',
      'timestampAtOffset',
    ]);
  });
});
