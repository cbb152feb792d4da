export * from './sluice-error.js';
export * from './hint-ids.js';
export { classifyError } from './classify.js';
export { PROTOCOL_ERRORS, type ProtocolErrorRow, type ErrorKind } from './protocol-errors.js';
export { RecordError, type RecordPosition, type RecordStage } from './record-error.js';
