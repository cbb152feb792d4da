import { z } from 'zod';
import { dialogFiltersSchema } from './dialog-filters';

/** `files:open`: the renderer asks main for a text file the user picks (imports from the native menu). */
export const openFileArgsSchema = z
  .object({
    title: z.string().min(1).max(200).optional(),
    filters: dialogFiltersSchema,
  })
  .strict();

export type OpenFileArgs = z.output<typeof openFileArgsSchema>;

export interface OpenFileReply {
  /** Absent when the user cancelled. */
  file?: { name: string; path: string; text: string };
}
