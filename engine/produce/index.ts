export * from './payload-format.js';
export * from './produce-request.js';
export { appendHeader, produceRecord, toMessage } from './produce-record.js';
export * from './timestamp-text.js';
