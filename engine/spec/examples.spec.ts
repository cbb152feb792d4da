import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJobSpec } from './index';

// The README points operators at examples/; they must stay valid as the schema evolves.
const dir = join(import.meta.dirname, '..', '..', 'examples');
const files = readdirSync(dir).filter((file) => file.endsWith('.json'));

describe('examples/', () => {
  it('has examples', () => expect(files.length).toBeGreaterThanOrEqual(3));
  it.each(files)('%s is a valid job spec', (file) => {
    const parsed = parseJobSpec(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });
});
