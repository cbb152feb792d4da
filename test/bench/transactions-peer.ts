import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { kafkaConfigDir } from './bench-paths.js';
import type { RawRecord } from './java-records.js';
import { ensurePythonPeer } from './python-peer.js';
import { uniqueName } from './helpers.js';

// librdkafka's transactional producer (Python confluent-kafka, test/kafka/transactions_peer.py)
// writing committed and aborted transactions, interleaved with plain records: a source topic with
// aborted batches and transaction markers written by a client Sluice did not write.

export type TransactionStepKind = 'commit' | 'abort' | 'plain';

export interface TransactionStep {
  kind: TransactionStepKind;
  /** Offsets are ignored; each record goes to its partition. */
  records: RawRecord[];
}

const SCRIPT = join(kafkaConfigDir, 'transactions_peer.py');
const hex = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('hex'));

/** Runs the steps in order with one transactional and one plain producer. */
export async function pythonTransactions(bootstrap: string, topic: string, steps: TransactionStep[]): Promise<void> {
  const python = await ensurePythonPeer();
  const plan = steps.map((step) => ({
    kind: step.kind,
    records: step.records.map((r) => ({
      partition: r.partition,
      timestamp: r.timestamp,
      key: hex(r.key),
      value: hex(r.value),
      headers: r.headers.map(([name, value]) => [name, hex(value)]),
    })),
  }));
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      python,
      [SCRIPT, bootstrap, topic, uniqueName('peer-tx')],
      { timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`transactions_peer.py failed: ${error.message}\n${stderr}\n${stdout}`));
        else resolve();
      },
    );
    child.stdin?.end(JSON.stringify(plan));
  });
}
