import { stringify } from 'csv-stringify/sync';
import type { CliIo } from '../cli-io.js';
import { EXIT, type ExitCode } from '../exit-codes.js';
import { createCliKafka } from '../kafka-client.js';
import { fetchGroupOffsets } from '../../offsets/group-offsets.js';
import { OFFSET_COLUMNS } from '../offsets/offset-columns.js';
import { formatTable, toRecords } from '../table.js';

export const OFFSET_FORMATS = ['table', 'csv', 'json'] as const;

export interface OffsetsOptions {
  bootstrap: string;
  group: string;
  topic?: string;
  format: (typeof OFFSET_FORMATS)[number];
}

/** `sluice offsets`: log start/end, committed offset and lag of a group, per partition. */
export async function offsetsCommand(io: CliIo, options: OffsetsOptions): Promise<ExitCode> {
  const admin = createCliKafka(io, options.bootstrap).admin();
  await admin.connect();
  try {
    const rows = await fetchGroupOffsets(admin, options.group, options.topic);
    const records = toRecords(OFFSET_COLUMNS, rows);
    if (options.format === 'json') io.out(JSON.stringify(records, null, 2));
    else if (options.format === 'csv') {
      io.out(
        stringify(records, { header: true, columns: OFFSET_COLUMNS.map((c) => c.key), cast: { boolean: String } }),
      );
    } else if (rows.length === 0)
      io.err(`group "${options.group}" has no committed offsets${options.topic ? ` on "${options.topic}"` : ''}`);
    else io.out(formatTable(OFFSET_COLUMNS, rows));
    return EXIT.ok;
  } finally {
    await admin.disconnect();
  }
}
