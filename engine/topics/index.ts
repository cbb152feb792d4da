export { addPartitions, createTopic, deleteTopic, planCreateTopic, type CreateTopicPlan } from './topic-admin.js';
export {
  alterTopicConfigs,
  describeTopicConfigs,
  type ConfigOrigin,
  type TopicConfigEntry,
  type TopicConfigs,
} from './topic-configs.js';
export { describeTopic, type TopicDescription, type TopicPartitionDetail } from './topic-describe.js';
export {
  addPartitionsRequestSchema,
  alterConfigsRequestSchema,
  createTopicRequestSchema,
  deleteTopicRequestSchema,
  parseConfigPairs,
  topicConfigsSchema,
  topicNameSchema,
  type AddPartitionsRequest,
  type AlterConfigsInput,
  type AlterConfigsRequest,
  type CreateTopicInput,
  type CreateTopicRequest,
  type DeleteTopicRequest,
} from './topic-request.js';
export { brokerRefusal, refusalProblem, TopicRefusedError } from './topic-refusal.js';
