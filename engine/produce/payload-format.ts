import { locateJsonError } from '../spec/json-position.js';

/** How the operator typed a key, value or header value: text as is, JSON (sent as its text), or bytes. */
export const PAYLOAD_FORMATS = ['string', 'json', 'base64', 'hex'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/** What is wrong with `text` read as `format`, for a message beside its field; undefined when it is fine. */
export function payloadProblem(text: string, format: PayloadFormat): string | undefined {
  switch (format) {
    case 'string':
      return undefined;
    case 'json': {
      const problem = locateJsonError(text);
      return problem && `is not valid JSON: line ${problem.line}, column ${problem.column}: ${problem.message}`;
    }
    case 'base64':
      return BASE64.test(text.replace(/\s+/g, ''))
        ? undefined
        : 'is not valid base64 (A–Z, a–z, 0–9, + and /, padded with = to a multiple of 4)';
    case 'hex': {
      const compact = text.replace(/\s+/g, '');
      if (!/^[0-9a-fA-F]*$/.test(compact)) return 'is not hex: expected only 0–9 and a–f (spaces allowed)';
      return HEX.test(compact) ? undefined : 'is not hex: an odd number of digits (two per byte)';
    }
  }
}

/** The bytes `text` stands for in `format`; call only on text that payloadProblem accepted. */
export function bytesFromText(text: string, format: PayloadFormat): Buffer {
  switch (format) {
    case 'string':
    case 'json':
      return Buffer.from(text, 'utf8');
    case 'base64':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64');
    case 'hex':
      return Buffer.from(text.replace(/\s+/g, ''), 'hex');
  }
}
