import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runBenchScript } from '../bench/bench-script.js';

// `npm run bench -- --only registry` as an operator runs it, on the test bench's broker with a
// few records: it starts its own Apicurio Registry, every job in the section finishes with every
// record, and only its section of the output file changes.

describe('npm run bench -- --only registry', () => {
  it('measures Avro beside JSON and refreshes only its section of the file', async () => {
    const before = [
      '# Benchmarks',
      '',
      '## Throughput and memory',
      '',
      'kept as it is',
      '',
      '## Schema Registry records',
      '',
      'stale',
      '',
    ];
    const { stdout, output } = await runBenchScript(
      ['--only', 'registry', '--registry', '3000', '--repeat', '1'],
      before.join('\n'),
    );

    expect(stdout).toContain('[bench] refreshed ## Schema Registry records of');
    const text = readFileSync(output, 'utf8');
    expect(text.startsWith(before.slice(0, 6).join('\n'))).toBe(true);
    expect(text).not.toContain('stale');
    const section = text.slice(text.indexOf('## Schema Registry records'));
    expect(section).toContain('3,000 records on 6 partitions');
    const row = (job: string) => section.split('\n').find((line) => line.startsWith(`| ${job} |`));
    for (const job of ['filter + map, Kafka sink', 'decode only, none sink']) {
      // json rate, avro rate, their ratio: all measured, no run failed.
      expect(row(job)).toMatch(
        new RegExp(`^\\| ${job.replace(/[+]/g, '\\+')} \\| [\\d,]+ \\| [\\d,]+ \\| \\d+\\.\\d\\d× \\|`),
      );
    }
    expect(row('encode, Kafka sink')).toBeDefined();
    expect(section).not.toContain('failed');
  }, 300_000);
});
