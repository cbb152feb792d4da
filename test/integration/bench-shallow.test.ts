import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBenchScript } from '../bench/bench-script.js';

// `npm run bench -- --only shallow` as the lead runs it, on the test bench's broker with a few
// records: every contender finishes with every record on uncompressed and lz4 input, the shallow
// jobs forwarded batches (the bench stops otherwise), and only its section of the file changes.

describe('npm run bench -- --only shallow', () => {
  it('measures the shallow copy beside kcat and the normal path and refreshes only its section', async () => {
    const before = [
      '# Benchmarks',
      '',
      '## Throughput and memory',
      '',
      'kept as it is',
      '',
      '## Shallow copy',
      '',
      'stale',
      '',
    ];
    const { stdout, output } = await runBenchScript(
      ['--only', 'shallow', '--records', '3000', '--records-1k', '0', '--partitions', '6', '--repeat', '1'],
      before.join('\n'),
    );

    expect(stdout).toContain('[bench] refreshed ## Shallow copy of');
    const text = readFileSync(output, 'utf8');
    expect(text.startsWith(before.slice(0, 6).join('\n'))).toBe(true);
    expect(text).not.toContain('stale');
    const section = text.slice(text.indexOf('## Shallow copy'));
    expect(section).not.toContain('failed');
    const tables = section.split('\n### ').slice(1);
    expect(tables.map((table) => table.split('\n', 1)[0])).toEqual([
      '100 B values, 6 partitions, 3,000 records',
      '100 B values, 6 partitions, 3,000 records, lz4',
      'Shallow copy targets',
    ]);
    for (const table of tables.slice(0, 2)) {
      const rate = (label: string) => new RegExp(`^\\| ${label} \\| [\\d,]+ \\|`, 'm');
      for (const label of [
        'raw kafkajs loop',
        'Sluice, at-least-once',
        'Sluice shallow, at-least-once',
        'Sluice shallow, exactly-once',
      ]) {
        expect(table).toMatch(rate(label));
      }
      expect(table).toMatch(/^\| kcat -C -e \\\| kcat -P( -z lz4)? \| [\d,]+ \|/m);
      // The batches the shallow run forwarded, read from its metrics file.
      expect(table).toMatch(/^Input batches, as the shallow at-least-once run forwarded them: [1-9][\d,]* \(/m);
    }
    expect(tables[0]).toMatch(/^\| Sluice, exactly-once \| [\d,]+ \|/m);
    expect(tables[2]).toMatch(
      /^\| shallow exactly-once vs kcat pipe \| >= 1\.0× \| 100 B values, 6 partitions, 3,000 records, lz4 \| \d+\.\d\d× \|/m,
    );
  }, 300_000);
});
