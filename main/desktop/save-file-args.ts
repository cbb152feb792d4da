import { z } from 'zod';
import { dialogFiltersSchema } from './dialog-filters';

const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `files:save`: what the renderer asks main to write after the user picks a place in a save dialog. */
export const saveFileArgsSchema = z
  .object({
    /** A bare file name: the dialog's default; never a path (the user picks the folder). */
    suggestedName: z
      .string()
      .min(1)
      .max(255)
      .refine((n) => !/[/\\]/.test(n) && n !== '.' && n !== '..', 'must be a file name, not a path'),
    content: z.string(),
    encoding: z.enum(['utf8', 'base64']).default('utf8'),
    filters: dialogFiltersSchema,
  })
  .strict()
  .superRefine((args, ctx) => {
    if (args.encoding === 'base64' && !base64.test(args.content)) {
      ctx.addIssue({ code: 'custom', path: ['content'], message: 'is not valid base64' });
    }
  });

export type SaveFileArgs = z.output<typeof saveFileArgsSchema>;

export interface SaveFileReply {
  /** False when the user cancelled the dialog; nothing was written. */
  saved: boolean;
  path?: string;
}
