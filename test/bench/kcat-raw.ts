import { execFile } from 'node:child_process';
import { kcatExecutable } from './kcat.js';

// kcat with bytes, not text: produce binary values (and nulls) with a codec, and read records back
// with key and value lengths so that any byte, a null and an empty payload all come back as they are.

const RECORD_DELIMITER = 0x1e;
const KEY_DELIMITER = 0x1f;
const FIELD = '\x1f';
const END = '\x1e\x1d\x1e';

export interface KcatRawInput {
  key: Buffer | null;
  value: Buffer | null;
}

/** One record as kcat read it; `headers` is kcat's own `%h` text (name=value,...) as bytes. */
export interface KcatRawRecord {
  partition: number;
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Buffer;
}

function runKcat(args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      kcatExecutable(),
      args,
      { timeout: 60_000, maxBuffer: 256 * 1024 * 1024, encoding: 'buffer' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`kcat ${args.join(' ')} failed: ${error.message}\n${stderr.toString()}`));
        else resolve(stdout);
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

/**
 * Produces with librdkafka's `compression.codec` (`-z`), in one batch, with the same text headers
 * on every record (`-H`). Empty keys and values go out as null (`-Z`), so inputs must not use the
 * delimiter bytes 0x1e and 0x1f.
 */
export async function kcatProduceRaw(
  bootstrap: string,
  topic: string,
  records: readonly KcatRawInput[],
  /** `lingerMs` (default 50): long enough, every record of the call goes in one batch. */
  options: { compression: string; partition: number; headers?: string[]; lingerMs?: number },
): Promise<void> {
  const args = ['-P', '-q', '-Z', '-b', bootstrap, '-t', topic, '-p', String(options.partition)];
  args.push('-z', options.compression, '-D', '\\x1e', '-K', '\\x1f', '-X', `linger.ms=${options.lingerMs ?? 50}`);
  args.push('-m', '15');
  for (const header of options.headers ?? []) args.push('-H', header);
  const parts: Buffer[] = [];
  for (const record of records) {
    for (const bytes of [record.key, record.value]) {
      if (bytes?.includes(RECORD_DELIMITER) || bytes?.includes(KEY_DELIMITER)) {
        throw new Error('kcatProduceRaw: a key or value holds a delimiter byte (0x1e or 0x1f)');
      }
    }
    parts.push(record.key ?? Buffer.alloc(0), Buffer.from([KEY_DELIMITER]), record.value ?? Buffer.alloc(0));
    parts.push(Buffer.from([RECORD_DELIMITER]));
  }
  await runKcat(args, Buffer.concat(parts));
}

/** Reads every partition to its end; records sorted by partition, then offset. */
export async function kcatConsumeRaw(
  bootstrap: string,
  topic: string,
  options: { readCommitted?: boolean } = {},
): Promise<KcatRawRecord[]> {
  const format = ['%p', '%o', '%T', '%K', '%S', ''].join(FIELD) + '%k%s%h' + END;
  const isolation = options.readCommitted ? 'read_committed' : 'read_uncommitted';
  const args = ['-C', '-q', '-e', '-b', bootstrap, '-t', topic, '-o', 'beginning', '-m', '15'];
  args.push('-X', `isolation.level=${isolation}`, '-f', format);
  const out = await runKcat(args);
  const records: KcatRawRecord[] = [];
  let at = 0;
  while (at < out.length) {
    const fields: string[] = [];
    for (let i = 0; i < 5; i++) {
      const end = out.indexOf(FIELD, at);
      fields.push(out.subarray(at, end).toString());
      at = end + 1;
    }
    const [partition, offset, timestamp, keyLength, valueLength] = fields.map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const take = (length: number): Buffer | null => {
      if (length < 0) return null;
      const bytes = Buffer.from(out.subarray(at, at + length));
      at += length;
      return bytes;
    };
    const key = take(keyLength);
    const value = take(valueLength);
    const end = out.indexOf(END, at);
    records.push({ partition, offset, timestamp, key, value, headers: Buffer.from(out.subarray(at, end)) });
    at = end + END.length;
  }
  return records.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
}
