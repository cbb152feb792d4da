import type { Admin, ITopicConfig } from 'kafkajs';

const LEADERS_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/**
 * Creates a topic and waits until the broker reports a leader for every partition. kafkajs's own
 * wait (`waitForLeaders`) retries only LEADER_NOT_AVAILABLE and throws when the broker's metadata
 * does not know the new topic yet (UNKNOWN_TOPIC_OR_PARTITION), as happened between the bench's
 * back-to-back creations and deletions; here every answer short of all leaders is asked again.
 */
export async function createBenchTopic(
  admin: Admin,
  topic: string,
  partitions: number,
  configEntries?: ITopicConfig['configEntries'],
): Promise<void> {
  await admin.createTopics({
    topics: [{ topic, numPartitions: partitions, replicationFactor: 1, ...(configEntries ? { configEntries } : {}) }],
    waitForLeaders: false,
  });
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    try {
      const found = (await admin.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions ?? [];
      if (found.length === partitions && found.every((partition) => partition.leader >= 0)) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError ? ` (last error: ${(lastError as Error).message})` : '';
      throw new Error(
        `${topic}: no leader for all ${partitions} partitions within ${LEADERS_TIMEOUT_MS / 1000} s${detail}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
