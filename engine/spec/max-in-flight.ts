/**
 * Kafka's limit for an idempotent producer: a broker remembers the sequence numbers of a producer's
 * last 5 batches per partition, so only that many may be in flight and still be deduplicated.
 */
export const IDEMPOTENT_MAX_IN_FLIGHT = 5;

/**
 * A Kafka sink's produce requests in flight per broker connection (Kafka's
 * `max.in.flight.requests.per.connection`): the spec's `maxInFlightRequests`, else 5 for an
 * idempotent producer, whose sequence numbers keep each partition in order (Kafka's default), and 1
 * for one that is not, where a retried request could land behind a later one.
 */
export function maxInFlightOf(sink: { maxInFlightRequests?: number | undefined; idempotent: boolean }): number {
  return sink.maxInFlightRequests ?? (sink.idempotent ? IDEMPOTENT_MAX_IN_FLIGHT : 1);
}
