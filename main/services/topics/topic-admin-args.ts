// The topic administration calls' IPC arguments: a cluster profile plus the engine's one request
// schema for each (engine/topics/topic-request.ts), so a rule is written once for form, IPC and CLI.
import { z } from 'zod';
import {
  addPartitionsRequestSchema,
  alterConfigsRequestSchema,
  createTopicRequestSchema,
  deleteTopicRequestSchema,
} from '../../../engine/topics/topic-request';
import type { TopicConfigs } from '../../../engine/topics/topic-configs';
import type { TopicDescription } from '../../../engine/topics/topic-describe';

const cluster = z.string().min(1);
const onCluster = <S extends z.ZodType>(request: S) => z.object({ cluster, request }).strict();

export const topicDescribeArgsSchema = z.object({ cluster, topic: z.string().min(1) }).strict();
export const topicCreateArgsSchema = onCluster(createTopicRequestSchema);
export const topicDeleteArgsSchema = onCluster(deleteTopicRequestSchema);
export const topicAddPartitionsArgsSchema = onCluster(addPartitionsRequestSchema);
export const topicAlterConfigsArgsSchema = onCluster(alterConfigsRequestSchema);

export type TopicCreateArgs = z.output<typeof topicCreateArgsSchema>;
export type TopicDeleteArgs = z.output<typeof topicDeleteArgsSchema>;
export type TopicAddPartitionsArgs = z.output<typeof topicAddPartitionsArgsSchema>;
export type TopicAlterConfigsArgs = z.output<typeof topicAlterConfigsArgsSchema>;

/** A topic's partitions (leader, replicas, ISR, log start/end) and its configs, overrides apart. */
export interface TopicDetail {
  description: TopicDescription;
  configs: TopicConfigs;
}
export type { TopicConfigs, TopicDescription };
