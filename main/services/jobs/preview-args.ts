// The transform preview's IPC argument: the parts of a job spec it reads, checked by the job
// spec schema's own field schemas, and how many records.
import { z } from 'zod';
import { sourceSchema, transformSchema } from '../../../engine/spec/index';

const { cluster, topics, topicPattern, isolationLevel, keyFormat, valueFormat } = sourceSchema.shape;

/** Records a preview reads at most, and by default. */
export const PREVIEW_MAX_RECORDS = 200;
export const PREVIEW_DEFAULT_RECORDS = 20;

export const previewArgsSchema = z
  .object({
    cluster,
    topics,
    topicPattern,
    isolationLevel,
    keyFormat,
    valueFormat,
    transform: transformSchema.optional(),
    limit: z.number().int().min(1).max(PREVIEW_MAX_RECORDS).default(PREVIEW_DEFAULT_RECORDS),
  })
  .strict()
  .superRefine((args, ctx) => {
    if ((args.topics === undefined) === (args.topicPattern === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['topics'], message: 'expected exactly one of "topics" or "topicPattern"' });
    }
  });
export type PreviewArgs = z.output<typeof previewArgsSchema>;
