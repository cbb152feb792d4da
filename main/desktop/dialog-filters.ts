import { z } from 'zod';

/** A native file dialog's type filters ("JSON" → ["json"]), as the open and save dialogs take them. */
export const dialogFiltersSchema = z
  .array(
    z
      .object({
        name: z.string().min(1),
        extensions: z.array(z.string().regex(/^[A-Za-z0-9*]+$/, 'an extension without the dot')).min(1),
      })
      .strict(),
  )
  .optional();
