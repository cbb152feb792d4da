import { describe, expect, it } from 'vitest';
import { IDEMPOTENT_MAX_IN_FLIGHT, maxInFlightOf } from './max-in-flight.js';

describe('maxInFlightOf', () => {
  it("defaults to Kafka's idempotent limit for an idempotent producer and to 1 otherwise", () => {
    expect(maxInFlightOf({ idempotent: true })).toBe(IDEMPOTENT_MAX_IN_FLIGHT);
    expect(maxInFlightOf({ idempotent: false })).toBe(1);
  });

  it("keeps the operator's setting", () => {
    expect(maxInFlightOf({ idempotent: true, maxInFlightRequests: 1 })).toBe(1);
    expect(maxInFlightOf({ idempotent: false, maxInFlightRequests: 3 })).toBe(3);
  });
});
