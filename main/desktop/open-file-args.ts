import { z } from 'zod';

/** `files:open`: the renderer asks main for a text file the user picks (imports from the native menu). */
export const openFileArgsSchema = z
  .object({
    title: z.string().min(1).max(200).optional(),
    filters: z
      .array(
        z
          .object({
            name: z.string().min(1),
            extensions: z.array(z.string().regex(/^[A-Za-z0-9*]+$/, 'an extension without the dot')).min(1),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();

export type OpenFileArgs = z.output<typeof openFileArgsSchema>;

export interface OpenFileReply {
  /** Absent when the user cancelled. */
  file?: { name: string; path: string; text: string };
}
