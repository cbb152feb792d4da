import { spawn } from 'node:child_process';
import { once } from 'node:events';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A deterministic generator, so runs on different days write the same bytes. */
function* pseudoRandom(seed: number): Generator<number> {
  let state = seed >>> 0;
  for (;;) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    yield state;
  }
}

/**
 * Writes `records` keyed records of exactly `valueBytes` ASCII bytes (no tab or newline, so kcat
 * can carry them line by line) into a topic with kcat, spread over its partitions by key, in
 * batches of `compression` (librdkafka's codec, as a producer on a real cluster writes them).
 * Batching is librdkafka's default (linger.ms 5, batch.size 1,000,000 B, batch.num.messages 10,000):
 * the shallow copy path forwards these batches as they are, so the input must be batched as a
 * real producer batches it (BENCHMARKS.md, "Shallow copy", says so).
 */
export async function produceInput(
  bootstrap: string,
  topic: string,
  records: number,
  valueBytes: number,
  compression = 'none',
): Promise<void> {
  const kcat = spawn('kcat', [...['-P', '-q', '-b', bootstrap, '-t', topic, '-K', '\t', '-z', compression]], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  const random = pseudoRandom(records * 31 + valueBytes);
  const pool = Array.from({ length: 64 }, () =>
    Array.from({ length: valueBytes }, () => ALPHABET[random.next().value % ALPHABET.length]).join(''),
  );
  const exited = once(kcat, 'exit');
  const chunk: string[] = [];
  for (let i = 0; i < records; i++) {
    const id = String(i).padStart(10, '0');
    chunk.push(`k${id}\t${id}${pool[i % pool.length]!.slice(id.length)}\n`);
    if (chunk.length === 5_000 || i === records - 1) {
      if (!kcat.stdin.write(chunk.join(''))) await once(kcat.stdin, 'drain');
      chunk.length = 0;
    }
  }
  kcat.stdin.end();
  const [code] = (await exited) as [number | null];
  if (code !== 0) throw new Error(`kcat could not write the input to ${topic} (exit ${code})`);
}
