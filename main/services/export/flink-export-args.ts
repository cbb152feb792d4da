import { z } from 'zod';

/** `jobs:export-flink` arguments; FlinkExportService takes the same shape. */
export const flinkExportArgsSchema = z
  .object({
    name: z.string().min(1),
    /** Start Flink at this checkpoint's offsets. */
    checkpointId: z.number().int().positive().optional(),
    /** Leave untranslatable parts as TODO comments instead of refusing. */
    allowTodo: z.boolean().optional(),
  })
  .strict();
export type FlinkExportArgs = z.infer<typeof flinkExportArgsSchema>;

/** What the renderer gets: the script, or every part that did not translate (one line each). */
export type FlinkExportReply =
  | { ok: true; sql: string; fileName: string; todos: string[]; placeholders: string[] }
  | { ok: false; problems: string[] };
