import type { SluiceError } from '../errors/index.js';
import type { RestartSpec } from '../spec/index.js';

export type RestartDecision = { restart: true; delayMs: number } | { restart: false; reason: string };

/**
 * Whether to restart after the `failures`-th consecutive failure (1 for the first). Only
 * retriable errors restart: a bad expression or a missing topic fails the same way every time.
 */
export function decideRestart(spec: RestartSpec, failures: number, error: SluiceError): RestartDecision {
  if (spec.strategy === 'none') return { restart: false, reason: 'restart strategy is "none"' };
  if (!error.retriable) return { restart: false, reason: 'the error is not retriable' };
  if (failures > spec.maxAttempts) {
    return {
      restart: false,
      reason: `gave up after ${spec.maxAttempts} restart attempt${spec.maxAttempts === 1 ? '' : 's'}`,
    };
  }
  if (spec.strategy === 'fixed-delay') return { restart: true, delayMs: spec.delayMs };
  const delay = spec.initialDelayMs * spec.multiplier ** (failures - 1);
  return { restart: true, delayMs: Math.min(spec.maxDelayMs, Math.round(delay)) };
}
