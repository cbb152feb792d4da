import { createHash } from 'node:crypto';

// What a copy must keep of a record: everything but its offset (a sink assigns its own, and a
// source's transaction markers take offsets a copy does not), with every byte string as text: hex
// when short, a SHA-256 and the length when long, so comparing near-1 MB values stays quick and a
// failure's diff stays readable. Lists are sorted by partition, then offset, so comparing two of
// them compares every partition's records in order.

const SHORT = 256;

/** A Buffer as comparable text; null stays null. */
export const bytesText = (bytes: Buffer | null): string | null => {
  if (bytes === null) return null;
  if (bytes.length <= SHORT) return bytes.toString('hex');
  return `sha256:${createHash('sha256').update(bytes).digest('hex')} (${bytes.length} bytes)`;
};

type Texted<T> = T extends Buffer
  ? string
  : T extends null
    ? null
    : T extends readonly unknown[]
      ? Texted<T[number]>[]
      : T extends object
        ? { [K in keyof T]: Texted<T[K]> }
        : T;

function texted<T>(value: T): Texted<T> {
  if (Buffer.isBuffer(value)) return bytesText(value) as Texted<T>;
  if (Array.isArray(value)) return value.map(texted) as Texted<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, texted(v)])) as Texted<T>;
  }
  return value as Texted<T>;
}

/** A record without its offset, its bytes as text. */
export const recordContent = <R extends { offset: number }>(record: R): Texted<Omit<R, 'offset'>> => {
  const { offset: _offset, ...rest } = record;
  return texted(rest as Omit<R, 'offset'>);
};

/** The records of each partition, in order, as `recordContent`: `{ 0: [...], 1: [...] }`. */
export function contentByPartition<R extends { partition: number; offset: number }>(
  records: readonly R[],
): Record<number, Texted<Omit<R, 'offset'>>[]> {
  const out: Record<number, Texted<Omit<R, 'offset'>>[]> = {};
  for (const record of [...records].sort((a, b) => a.partition - b.partition || a.offset - b.offset)) {
    (out[record.partition] ??= []).push(recordContent(record));
  }
  return out;
}
