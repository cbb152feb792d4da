import { RecordTransform, type TransformInput } from '../../../engine/transform/index';
import type { BrowsedBytes, BrowsedRecord } from '../../ipc/contract';

/** What a browse's filter and search decided for one record. */
export type MatchOutcome = { matched: boolean } | { matched: false; error: string };

/**
 * A browse's JSONata filter and text search, applied to each record read. The filter runs on the
 * engine's transform (the job's JSONata with RE2 regexes and a time budget per record), so an
 * expression behaves here as it would in a job's `transform.filter`.
 */
export class RecordMatcher {
  readonly #filter: RecordTransform | undefined;
  readonly #search: string | undefined;

  private constructor(filter: string | undefined, search: string | undefined) {
    this.#filter = RecordTransform.compile(filter === undefined ? undefined : { filter });
    this.#search = search?.toLowerCase();
  }

  /** Undefined when there is nothing to match: a blank filter and a blank search. */
  static create(options: { filter?: string | undefined; search?: string | undefined }): RecordMatcher | undefined {
    const filter = blankToUndefined(options.filter);
    const search = blankToUndefined(options.search);
    return filter === undefined && search === undefined ? undefined : new RecordMatcher(filter, search);
  }

  async test(topic: string, record: BrowsedRecord): Promise<MatchOutcome> {
    if (this.#search !== undefined && !contains(record.key, this.#search) && !contains(record.value, this.#search)) {
      return { matched: false };
    }
    if (!this.#filter) return { matched: true };
    try {
      return { matched: (await this.#filter.apply(filterInput(topic, record))).keep };
    } catch (error) {
      return { matched: false, error: (error as Error).message };
    }
  }
}

const blankToUndefined = (text: string | undefined): string | undefined =>
  text === undefined || text.trim() === '' ? undefined : text;

/** Case-insensitive substring of the payload's text (its decoded JSON for registry records); bytes that are not UTF-8 hold no text. */
function contains(bytes: BrowsedBytes | null, needle: string): boolean {
  const decoded = bytes?.decoded && 'value' in bytes.decoded ? JSON.stringify(bytes.decoded.value) : undefined;
  const text = decoded ?? bytes?.text;
  return text != null && text.toLowerCase().includes(needle);
}

/**
 * A record as the filter sees it: key and value decoded with their schema (registry records) or parsed
 * when they are JSON, else their text (base64 where they are not UTF-8); headers by name, a repeated
 * name as a list.
 */
export function filterInput(topic: string, record: BrowsedRecord): TransformInput {
  const headers: TransformInput['headers'] = {};
  for (const [name, bytes] of record.headers) {
    const text = bytes === null ? null : (bytes.text ?? bytes.base64);
    const held = headers[name];
    headers[name] = held === undefined ? text : [...(Array.isArray(held) ? held : [held]), text];
  }
  return {
    key: payload(record.key),
    value: payload(record.value),
    headers,
    timestamp: record.timestamp,
    topic,
    partition: record.partition,
    offset: record.offset,
  };
}

function payload(bytes: BrowsedBytes | null): unknown {
  if (bytes === null) return null;
  // A registry record: the filter sees its fields, as a job's filter does.
  if (bytes.decoded && 'value' in bytes.decoded) return bytes.decoded.value;
  if (bytes.text === null) return bytes.base64;
  try {
    return JSON.parse(bytes.text) as unknown;
  } catch {
    return bytes.text;
  }
}
