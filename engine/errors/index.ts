export * from './sluice-error.js';
export * from './hint-ids.js';
export { classifyError } from './classify.js';
export { PROTOCOL_ERRORS, type ProtocolErrorRow, type ErrorKind } from './protocol-errors.js';
