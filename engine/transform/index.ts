export * from './record-transform.js';
