// The input of the bench's Schema Registry section: the same logical records (an order of about
// 110 B as JSON text, 44 B as Avro) written once as JSON text on one topic and once as Avro in the registry wire
// format on another, by kcat, so the two jobs differ only in how values are encoded.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import avro from 'avsc';
import { buildFramed } from '../../engine/registry/wire-format.js';
import { kcatExecutable } from '../../test/bench/kcat.js';

/** The Avro schema of the records (also the sink `valueSchema` file of the encode job). */
export const ORDER_SCHEMA = {
  type: 'record',
  name: 'Order',
  namespace: 'sluice.bench',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'customer', type: 'string' },
    { name: 'amount', type: 'double' },
    { name: 'currency', type: 'string' },
    { name: 'status', type: 'string' },
    { name: 'createdAt', type: 'long' },
  ],
} as const;

export interface Order {
  id: number;
  customer: string;
  amount: number;
  currency: string;
  status: string;
  createdAt: number;
}

const STATUSES = ['NEW', 'PAID', 'SHIPPED', 'CANCELLED'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF'];

/** Record `i`: deterministic, so every run writes the same bytes; `amount` is never negative. */
export function order(i: number): Order {
  return {
    id: i,
    customer: `c-${String((i * 7_919) % 100_000).padStart(5, '0')}`,
    amount: (i % 100_000) / 100,
    currency: CURRENCIES[i % CURRENCIES.length]!,
    status: STATUSES[i % STATUSES.length]!,
    createdAt: 1_750_000_000_000 + i * 1_000,
  };
}

/** Ends each record on kcat's stdin: four bytes no JSON text holds, checked against every Avro value. */
const DELIMITER = Buffer.from([0x1e, 0x1d, 0x1c, 0x1e]);
const KCAT_DELIMITER = '\\x1e\\x1d\\x1c\\x1e';
const BATCH = 5_000;

export interface InputBytes {
  records: number;
  /** Value bytes over all records (the average size is this over `records`). */
  valueBytes: number;
}

/** Writes `records` records (key `k<i>`) of `value(i)` with kcat, bounded by `timeoutMs`. */
export async function writeInput(
  bootstrap: string,
  topic: string,
  records: number,
  value: (i: number) => Buffer,
  timeoutMs: number,
): Promise<InputBytes> {
  const kcat = spawn(
    kcatExecutable(),
    [
      ...['-P', '-q', '-b', bootstrap, '-t', topic, '-K', '\t', '-D', KCAT_DELIMITER],
      ...['-X', 'linger.ms=20', '-X', 'batch.size=1000000'],
    ],
    { stdio: ['pipe', 'ignore', 'pipe'] },
  );
  let stderr = '';
  kcat.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const exited = once(kcat, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  kcat.stdin.on('error', () => undefined); // a kcat that died is reported by its exit below
  const timer = setTimeout(() => kcat.kill('SIGKILL'), timeoutMs);
  let valueBytes = 0;
  try {
    const chunk: Buffer[] = [];
    for (let i = 0; i < records; i++) {
      const bytes = value(i);
      if (bytes.includes(DELIMITER)) {
        throw new Error(`record ${i} for ${topic} holds kcat's record delimiter; change the bench's records`);
      }
      valueBytes += bytes.length;
      chunk.push(Buffer.from(`k${String(i).padStart(10, '0')}\t`), bytes, DELIMITER);
      if (chunk.length === 3 * BATCH || i === records - 1) {
        if (!kcat.stdin.write(Buffer.concat(chunk))) await Promise.race([once(kcat.stdin, 'drain'), exited]);
        chunk.length = 0;
      }
    }
  } catch (error) {
    kcat.kill('SIGKILL');
    throw error;
  } finally {
    kcat.stdin.end();
  }
  const [code, signal] = await exited;
  clearTimeout(timer);
  if (code !== 0) {
    const why = signal === 'SIGKILL' ? `did not finish within ${timeoutMs / 1000} s` : `exit ${code ?? signal}`;
    throw new Error(`kcat could not write the input to ${topic} (${why}): ${stderr.trim()}`);
  }
  return { records, valueBytes };
}

/** JSON text of record `i`. */
export const jsonValue = (i: number): Buffer => Buffer.from(JSON.stringify(order(i)));

/** Record `i` in the registry wire format: magic byte, `schemaId`, the avsc-encoded body. */
export function avroValue(schemaId: number): (i: number) => Buffer {
  const type = avro.Type.forSchema(ORDER_SCHEMA as unknown as avro.Schema);
  return (i) => buildFramed(schemaId, type.toBuffer(order(i)));
}
