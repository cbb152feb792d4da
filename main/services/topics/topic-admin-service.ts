import {
  addPartitions,
  alterTopicConfigs,
  createTopic,
  deleteTopic,
  describeTopic,
  describeTopicConfigs,
} from '../../../engine/topics/index';
import type { ClusterAccess } from '../clusters/cluster-access';
import type {
  TopicAddPartitionsArgs,
  TopicAlterConfigsArgs,
  TopicConfigs,
  TopicCreateArgs,
  TopicDeleteArgs,
  TopicDescription,
  TopicDetail,
} from './topic-admin-args';

export interface TopicAdminServiceDeps {
  access: ClusterAccess;
}

/**
 * Topic administration for the console: the engine's operations on a profile's cluster. A refused
 * request throws the engine's TopicRefusedError, whose `problems` reach the form by field.
 */
export class TopicAdminService {
  readonly #deps: TopicAdminServiceDeps;

  constructor(deps: TopicAdminServiceDeps) {
    this.#deps = deps;
  }

  describe(cluster: string, topic: string): Promise<TopicDetail> {
    return this.#deps.access.withAdmin(cluster, async (admin) => ({
      description: await describeTopic(admin, topic),
      configs: await describeTopicConfigs(admin, topic),
    }));
  }

  create({ cluster, request }: TopicCreateArgs): Promise<TopicDescription> {
    return this.#deps.access.withAdmin(cluster, (admin) => createTopic(admin, request));
  }

  delete({ cluster, request }: TopicDeleteArgs): Promise<void> {
    return this.#deps.access.withAdmin(cluster, (admin) => deleteTopic(admin, request));
  }

  addPartitions({ cluster, request }: TopicAddPartitionsArgs): Promise<TopicDescription> {
    return this.#deps.access.withAdmin(cluster, (admin) => addPartitions(admin, request));
  }

  alterConfigs({ cluster, request }: TopicAlterConfigsArgs): Promise<TopicConfigs> {
    return this.#deps.access.withAdmin(cluster, (admin) => alterTopicConfigs(admin, request));
  }
}
