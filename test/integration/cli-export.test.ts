import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, tempDir, writeSpec } from './cli-kit.js';

// `sluice export flink` as operators run it, without Flink: profiles and secrets, a missing
// checkpoint, and the script written to --out. The Flink runs are in flink-export.test.ts.

beforeAll(buildCli);

const SECRET = 'hunter2-do-not-print';

function fixture(): { dir: string; specFile: string; clusters: string } {
  const dir = tempDir();
  const clusters = join(dir, 'clusters.json');
  writeFileSync(
    clusters,
    JSON.stringify({
      version: 1,
      clusters: [
        {
          name: 'secure',
          bootstrapServers: ['kafka.example:9093'],
          tls: { ca: '/etc/kafka/ca.pem' },
          sasl: { mechanism: 'scram-sha-256', username: 'svc', password: { secret: 'env:FLINK_EXPORT_PW' } },
        },
      ],
    }),
  );
  const specFile = writeSpec(
    {
      version: 1,
      name: 'secure-copy',
      source: { cluster: { profile: 'secure' }, topics: ['orders'], groupId: 'g' },
      sink: { type: 'kafka', topic: 'orders-copy' },
    },
    dir,
  );
  return { dir, specFile, clusters };
}

describe('sluice export flink', () => {
  it('writes TLS and SASL settings with the secret as a placeholder, never its value', async () => {
    const { dir, specFile, clusters } = fixture();
    const out = join(dir, 'job.sql');
    const result = await runCli(['export', 'flink', specFile, '--clusters', clusters, '--out', out], {
      env: { FLINK_EXPORT_PW: SECRET },
    });
    expect(result.code, result.stderr).toBe(0);
    const sql = readFileSync(out, 'utf8');
    expect(sql).toContain("'properties.security.protocol' = 'SASL_SSL'");
    expect(sql).toContain("'properties.sasl.mechanism' = 'SCRAM-SHA-256'");
    expect(sql).toContain('password="${FLINK_EXPORT_PW}"');
    expect(sql + result.stdout + result.stderr).not.toContain(SECRET);
    expect(result.stderr).toContain('fill before running: ${FLINK_EXPORT_PW}');
  });

  it('refuses a checkpoint that does not exist, and a bad id, writing nothing', async () => {
    const { dir, specFile, clusters } = fixture();
    const out = join(dir, 'job.sql');
    const missing = await runCli([
      'export',
      'flink',
      specFile,
      '--clusters',
      clusters,
      '--from-checkpoint',
      '7',
      '--state-dir',
      dir,
      '--out',
      out,
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('checkpoint 7 of job "secure-copy" does not exist');
    const bad = await runCli(['export', 'flink', specFile, '--from-checkpoint', 'x7', '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from-checkpoint must be a checkpoint id');
    expect(() => readFileSync(out)).toThrow();
  });
});
