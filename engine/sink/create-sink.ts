import type { Admin, Kafka } from 'kafkajs';
import type { JobSpec } from '../spec/index.js';
import { FileSink } from './file-sink.js';
import { KafkaSink } from './kafka-sink.js';
import { NoneSink } from './none-sink.js';
import type { OutputMeter, Sink } from './sink.js';

export interface SinkDeps {
  /** The sink cluster's clients; needed for a Kafka sink only. */
  kafka: Kafka | undefined;
  admin: Admin | undefined;
  /** Whether the Kafka sink writes to the source's cluster. */
  sameClusterAsSource: boolean;
  meter: OutputMeter;
  onWarning(message: string): void;
}

export function createSink(spec: JobSpec, deps: SinkDeps): Sink {
  const sink = spec.sink;
  switch (sink.type) {
    case 'kafka':
      if (!deps.kafka || !deps.admin) throw new Error('a Kafka sink needs the sink cluster clients');
      return new KafkaSink({
        kafka: deps.kafka,
        admin: deps.admin,
        spec: sink,
        jobName: spec.name,
        groupId: spec.source.groupId,
        offsetsIn: deps.sameClusterAsSource ? 'source-group' : 'sink-metadata',
        keyFormat: spec.source.keyFormat,
        valueFormat: spec.source.valueFormat,
        meter: deps.meter,
      });
    case 'file':
      return new FileSink({ path: sink.path, meter: deps.meter, onWarning: deps.onWarning });
    case 'none':
      return new NoneSink();
  }
}
