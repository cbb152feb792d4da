// The product's three scenarios as starting points for a new job. Each is a complete spec the
// schema accepts, with topic names to change; the editor opens it like any other draft.
import type { Draft } from './spec-draft';
import { nameDerived } from './editor-actions';

export type TemplateId = 'blank' | 'replay' | 'copy' | 'drain';

export interface JobTemplate {
  id: TemplateId;
  title: string;
  summary: string;
  build(context: TemplateContext): Draft;
}

export interface TemplateContext {
  /** Saved cluster profiles, in the console's order. */
  clusters: readonly string[];
  now: number;
}

const HOUR_MS = 3_600_000;
const profile = (name: string | undefined) => ({ profile: name ?? '' });

export const jobTemplates: readonly JobTemplate[] = [
  {
    id: 'blank',
    title: 'Blank',
    summary: 'Every setting from scratch',
    build: ({ clusters }) => ({
      version: 1,
      name: '',
      source: { cluster: profile(clusters[0]), topics: [], groupId: '' },
      sink: { type: 'kafka', topic: '' },
    }),
  },
  {
    id: 'replay',
    title: 'Replay from a time',
    summary: 'Replay a topic from a point in time into another topic, keeping the timestamps; stops at the end',
    build: ({ clusters, now }) => ({
      version: 1,
      name: 'orders-replay',
      description: 'Replay orders from a point in time into orders-replay, keeping the original timestamps',
      source: {
        cluster: profile(clusters[0]),
        topics: ['orders'],
        groupId: nameDerived('orders-replay'),
        startFrom: { mode: 'timestamp', timestamp: Math.floor(now / HOUR_MS) * HOUR_MS - HOUR_MS },
        stopAt: { mode: 'latest' },
      },
      sink: { type: 'kafka', topic: 'orders-replay', writeTimestamp: true },
    }),
  },
  {
    id: 'copy',
    title: 'Copy between clusters',
    summary: 'Copy the records that match a filter to another cluster, exactly once',
    build: ({ clusters }) => ({
      version: 1,
      name: 'payments-copy',
      description: 'Copy payments over 1000 to another cluster, exactly once',
      source: {
        cluster: profile(clusters[0]),
        topics: ['payments'],
        groupId: nameDerived('payments-copy'),
        startFrom: { mode: 'group-offsets', fallback: 'earliest' },
        valueFormat: 'json',
      },
      transform: { filter: 'value.amount > 1000' },
      sink: {
        type: 'kafka',
        ...(clusters[1] === undefined ? {} : { cluster: profile(clusters[1]) }),
        topic: 'payments-copy',
        writeTimestamp: true,
        deliveryGuarantee: 'exactly-once',
        transactionalIdPrefix: nameDerived('payments-copy'),
      },
    }),
  },
  {
    id: 'drain',
    title: 'Drain to a file',
    summary: 'Write a topic to an NDJSON file (under the file sink directory) up to its end',
    build: ({ clusters }) => ({
      version: 1,
      name: 'orders-drain',
      description: 'Drain orders into orders-drain.ndjson',
      source: {
        cluster: profile(clusters[0]),
        topics: ['orders'],
        groupId: nameDerived('orders-drain'),
        startFrom: { mode: 'earliest' },
        stopAt: { mode: 'latest' },
      },
      sink: { type: 'file', path: 'orders-drain.ndjson' },
    }),
  },
];

export function templateDraft(id: TemplateId, context: TemplateContext): Draft {
  const template = jobTemplates.find((t) => t.id === id) ?? jobTemplates[0]!;
  return template.build(context);
}
