export * from './payload-format.js';
export * from './produce-request.js';
export { produceRecord, toMessage } from './produce-record.js';
