import { z } from 'zod';
import { CheckpointError } from '../errors/index.js';
import type { Checkpoint } from './checkpoint.js';

// One codec per format version, like Flink's versioned split serializers: a file is read by the
// codec of the version it names and upgraded to the current shape. A new version adds a row
// here and an upgrade from the previous one; files of older versions stay readable.
export const CURRENT_CHECKPOINT_VERSION = 1;

const topicPartition = {
  topic: z.string().min(1),
  partition: z.number().int().nonnegative(),
};
const topicPartitionOffset = z.object({ ...topicPartition, offset: z.number().int().nonnegative() }).strict();

const checkpointV1Schema = z
  .object({
    version: z.literal(1),
    jobName: z.string().min(1),
    checkpointId: z.number().int().positive(),
    takenAt: z.number().int().nonnegative(),
    offsets: z.array(topicPartitionOffset),
    partitions: z.array(z.object(topicPartition).strict()),
    // Added within version 1: optional, so files written before it still load.
    stops: z.array(topicPartitionOffset).optional(),
    // Added within version 1: source schema id to the sink registry's id (engine/registry/id-rewrite.ts).
    schemaIds: z.record(z.string().regex(/^\d+$/), z.number().int().nonnegative()).optional(),
    sink: z.unknown(),
  })
  .strict();

interface Codec {
  serialize(checkpoint: Checkpoint): string;
  deserialize(data: unknown): Checkpoint;
}

const CODECS: Readonly<Record<number, Codec>> = {
  1: {
    // Indented: operators read and attach these files to tickets.
    serialize: (checkpoint) => `${JSON.stringify(checkpointV1Schema.parse(checkpoint), null, 2)}\n`,
    deserialize: (data) => checkpointV1Schema.parse(data) as Checkpoint,
  },
};

export function serializeCheckpoint(checkpoint: Checkpoint): string {
  const codec = CODECS[CURRENT_CHECKPOINT_VERSION]!;
  try {
    return codec.serialize(checkpoint);
  } catch (error) {
    throw new CheckpointError(`checkpoint ${checkpoint.checkpointId} is not valid: ${describe(error)}`, {
      hintId: 'checkpoint-io',
      cause: error,
    });
  }
}

/** Parses a checkpoint file's text; `source` names the file in errors. */
export function deserializeCheckpoint(text: string, source: string): Checkpoint {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const hint = text.trim() === '' ? 'it is empty' : `it is not valid JSON, probably truncated (${describe(error)})`;
    throw new CheckpointError(`checkpoint file ${source} is corrupt: ${hint}`, {
      cause: error,
      details: { file: source },
    });
  }
  const version = typeof data === 'object' && data !== null ? (data as { version?: unknown }).version : undefined;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CheckpointError(`checkpoint file ${source} is corrupt: it has no format version`, {
      details: { file: source },
    });
  }
  const codec = CODECS[version];
  if (!codec) {
    throw new CheckpointError(
      `checkpoint file ${source} has format version ${version}, written by a newer Sluice; ` +
        `this one reads up to version ${CURRENT_CHECKPOINT_VERSION}. Upgrade Sluice to resume from it.`,
      { hintId: 'checkpoint-version', details: { file: source, version } },
    );
  }
  try {
    return codec.deserialize(data);
  } catch (error) {
    throw new CheckpointError(`checkpoint file ${source} is corrupt: ${describe(error)}`, {
      cause: error,
      details: { file: source },
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  }
  return error instanceof Error ? error.message : String(error);
}
