import type Avro from 'avsc';

export type AvroModule = typeof Avro;

let loading: Promise<AvroModule> | undefined;

/** avsc, loaded on the first Avro schema compiled: a job without Avro never loads it. */
export const loadAvro = (): Promise<AvroModule> => (loading ??= import('avsc').then((module) => module.default));
