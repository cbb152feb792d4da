import type { JobSpecInput } from '../../../engine/spec/job-spec';

/** The profile name the sandbox's cluster is saved under (another name when a different one has it). */
export const SANDBOX_PROFILE = 'sandbox';
export const DEMO_JOB = 'demo-paid-orders';

/**
 * The first run's demo job: the sandbox's paid orders, from the start of `orders` and as they keep
 * coming (`--live`), copied into `orders-paid` with their timestamps. Filter, lag and charts at once.
 */
export function demoJobSpec(profile: string): JobSpecInput {
  return {
    version: 1,
    name: DEMO_JOB,
    description: 'First-run demo: the paid orders of the sandbox, copied into orders-paid as they come',
    source: {
      cluster: { profile },
      topics: ['orders'],
      groupId: `sluice-${DEMO_JOB}`,
      startFrom: { mode: 'earliest' },
      valueFormat: 'json',
    },
    transform: { filter: "value.status = 'paid'" },
    sink: { type: 'kafka', topic: 'orders-paid', writeTimestamp: true, deliveryGuarantee: 'at-least-once' },
  };
}
