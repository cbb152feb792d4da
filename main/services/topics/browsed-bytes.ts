import { isUtf8 } from 'node:buffer';
import type { IHeaders } from 'kafkajs';
import type { BrowsedBytes } from '../../ipc/contract';

/** Bytes as the console receives them: all of them (base64), and the text only where they are UTF-8. */
export function browsedBytes(bytes: Buffer | string | null | undefined): BrowsedBytes | null {
  if (bytes === null || bytes === undefined) return null;
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return {
    base64: buffer.toString('base64'),
    text: isUtf8(buffer) ? buffer.toString('utf8') : null,
    size: buffer.length,
  };
}

/** Headers in the order Kafka holds them per name; a name repeated keeps every value. */
export function browsedHeaders(headers: IHeaders | undefined): [string, BrowsedBytes | null][] {
  return Object.entries(headers ?? {}).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((one) => [name, browsedBytes(one)] as [string, BrowsedBytes | null]),
  );
}
