// The produce form's fields as the request main validates (engine/produce/produce-request.ts); only
// what the schema cannot see in the typed text (a partition or timestamp that is not a number) is checked here.
import type { PayloadFormat } from '../../../../engine/produce/payload-format';
import type { ProduceRequestInput } from '../../../../engine/produce/produce-request';
import { parseTimestampText, TIMESTAMP_TEXT_EXPECTED } from '../../../../engine/produce/timestamp-text';

export interface ProduceForm {
  partition: string;
  key: string;
  keyFormat: PayloadFormat;
  /** No key at all (null), rather than an empty one. */
  noKey: boolean;
  value: string;
  valueFormat: PayloadFormat;
  /** A tombstone: a record without a value. */
  tombstone: boolean;
  headers: { name: string; value: string }[];
  timestamp: string;
}

export const emptyProduceForm = (): ProduceForm => ({
  partition: '',
  key: '',
  keyFormat: 'string',
  noKey: false,
  value: '',
  valueFormat: 'string',
  tombstone: false,
  headers: [],
  timestamp: '',
});

export function produceRequest(
  topic: string,
  form: ProduceForm,
): { request: ProduceRequestInput } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const partition = form.partition.trim();
  if (partition !== '' && !/^\d+$/.test(partition)) {
    errors['partition'] =
      `"${partition}" is not a partition: expected a whole number, 0 or more, or blank to hash the key`;
  }
  const timestamp = form.timestamp.trim() === '' ? undefined : parseTimestampText(form.timestamp);
  if (form.timestamp.trim() !== '' && timestamp === undefined) {
    errors['timestamp'] = `"${form.timestamp.trim()}" is not a timestamp: ${TIMESTAMP_TEXT_EXPECTED}`;
  }
  if (Object.keys(errors).length > 0) return { errors };
  return {
    request: {
      topic,
      ...(partition === '' ? {} : { partition: Number(partition) }),
      key: form.noKey ? null : { text: form.key, format: form.keyFormat },
      value: form.tombstone ? null : { text: form.value, format: form.valueFormat },
      headers: form.headers
        .filter((h) => h.name !== '' || h.value !== '')
        .map((h) => ({ name: h.name, value: { text: h.value, format: 'string' as const } })),
      ...(timestamp === undefined ? {} : { timestamp }),
    },
  };
}
