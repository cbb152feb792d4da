import type { Ajv } from 'ajv';
import type { Ajv2019 } from 'ajv/dist/2019.js';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type addFormats from 'ajv-formats';
import { loadOnce } from '../load-once.js';

/** ajv's validator classes, one per JSON Schema dialect, and ajv-formats. */
export interface AjvModule {
  Ajv: typeof Ajv;
  Ajv2019: typeof Ajv2019;
  Ajv2020: typeof Ajv2020;
  addFormats: typeof addFormats.default;
}

/** ajv and ajv-formats, loaded on the first JSON Schema compiled: a job without JSON Schema never loads them. */
export const loadAjv = loadOnce<AjvModule>(async () => {
  const [{ Ajv }, { Ajv2019 }, { Ajv2020 }, formats] = await Promise.all([
    import('ajv'),
    import('ajv/dist/2019.js'),
    import('ajv/dist/2020.js'),
    import('ajv-formats'),
  ]);
  return { Ajv, Ajv2019, Ajv2020, addFormats: formats.default.default };
});
