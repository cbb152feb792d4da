import type Avro from 'avsc';
import { loadOnce } from '../load-once.js';

export type AvroModule = typeof Avro;

/** avsc, loaded on the first Avro schema compiled: a job without Avro never loads it. */
export const loadAvro = loadOnce<AvroModule>(async () => (await import('avsc')).default);
