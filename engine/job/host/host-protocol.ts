import { SluiceError, type HintId } from '../../errors/index.js';
import type { ClusterProfile } from '../../spec/cluster-profile.js';
import type { JobSpec } from '../../spec/index.js';
import type { JobEvents } from '../job-events.js';
import type { JobResult } from '../job.js';

// The messages between the app and a job host: the process one job runs in (engine/job/host/
// job-host.ts). Calls carry a sequence id and are answered once; events flow from the host.

/** What a host needs to reach the job's clusters: the profiles it names and their stored secrets. */
export interface HostConnections {
  profiles: Record<string, ClusterProfile>;
  /** `store:` secret references of those profiles, resolved by the app (safeStorage stays in main). */
  secrets: Record<string, string>;
}

export interface HostStart {
  spec: JobSpec;
  stateDir: string;
  restoreFrom?: number;
  connections: HostConnections;
}

export type ToHost = { seq: number; call: 'start'; start: HostStart } | { seq: number; call: 'stop' };

/** An error as it crosses the process boundary: the fields readers key on survive. */
export interface WireError {
  name: string;
  message: string;
  hintId: HintId;
  retriable: boolean;
  details?: Record<string, unknown>;
}

export type WireEvent = { [E in keyof JobEvents]: { event: E; payload: JobEvents[E] } }[keyof JobEvents];

export type FromHost =
  | { kind: 'ready'; pid: number }
  | { kind: 'reply'; seq: number; error?: WireError }
  | ({ kind: 'event' } & WireEvent)
  | { kind: 'done'; result: Omit<JobResult, 'error'> & { error?: WireError } };

export function toWireError(error: unknown): WireError {
  const e = error as Partial<SluiceError> & { name?: string; message?: string };
  return {
    name: e.name ?? 'Error',
    message: e.message ?? String(error),
    hintId: e.hintId ?? 'unknown',
    retriable: e.retriable ?? false,
    ...(e.details === undefined ? {} : { details: structuredCloneable(e.details) }),
  };
}

export function fromWireError(wire: WireError): SluiceError {
  const error = new SluiceError(wire.message, {
    hintId: wire.hintId,
    retriable: wire.retriable,
    ...(wire.details === undefined ? {} : { details: wire.details }),
  });
  error.name = wire.name;
  return error;
}

/** Details are data, but a cause or a buffer may hide in them: keep what JSON can carry. */
function structuredCloneable(details: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(details)) as Record<string, unknown>;
  } catch {
    return {};
  }
}
