export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Growth per attempt; 2 doubles the delay. */
  multiplier?: number;
  /** Spread around the nominal delay, as a fraction: 0.2 gives ±20 %. */
  jitter?: number;
}

/**
 * The delay before reconnect attempt `attempt` (0 for the first): exponential, capped, and
 * jittered so that many clients cut off at once (a jump host restart) do not return in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const multiplier = options.multiplier ?? 2;
  const jitter = options.jitter ?? 0.2;
  const nominal = Math.min(options.maxDelayMs, options.initialDelayMs * multiplier ** Math.max(0, attempt));
  const spread = nominal * jitter * (random() * 2 - 1);
  return Math.max(0, Math.round(Math.min(options.maxDelayMs, nominal + spread)));
}
