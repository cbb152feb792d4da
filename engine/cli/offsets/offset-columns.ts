import type { Column } from '../table.js';
import type { PartitionOffsets } from '../../offsets/group-offsets.js';

// Column names follow Kafka's own kafka-consumer-groups output where one exists.
export const OFFSET_COLUMNS: readonly Column<PartitionOffsets>[] = [
  { header: 'TOPIC', key: 'topic', align: 'left', value: (r) => r.topic },
  { header: 'PARTITION', key: 'partition', align: 'right', value: (r) => r.partition },
  { header: 'LOG-START-OFFSET', key: 'logStartOffset', align: 'right', value: (r) => r.logStartOffset },
  { header: 'LOG-END-OFFSET', key: 'logEndOffset', align: 'right', value: (r) => r.logEndOffset },
  { header: 'CURRENT-OFFSET', key: 'committedOffset', align: 'right', value: (r) => r.committedOffset },
  { header: 'LAG', key: 'lag', align: 'right', value: (r) => r.lag },
];
