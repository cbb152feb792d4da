// The console's data, one store each: jobs, clusters, and per cluster its topics and groups. Pages
// read these instead of fetching and subscribing for themselves (refreshing-store.ts).
import type {
  ClusterProfile,
  GroupsOverview,
  JobStatus,
  LagStatusReply,
  LagWatchInfo,
  SluiceApi,
  TopicInfo,
} from '../../../main/ipc/contract';
import { getApi } from '../lib/api';
import { createRefreshingStore, keyedStores, type RefreshingStore } from './refreshing-store';

type Api = () => SluiceApi | undefined;

/** Jobs: reloaded when a state or hint changes; each second's summary patches its row in place. */
export function jobsStore(api: Api = getApi): RefreshingStore<JobStatus[]> {
  return createRefreshingStore<JobStatus[]>({
    initial: [],
    load: async () => (await api()?.invoke('jobs:list', undefined)) ?? [],
    watch: (store) => {
      const sluice = api();
      if (!sluice) return [];
      return [
        sluice.on('jobs:state', () => store.refreshSoon()),
        // A new or cleared hint changes the row's marker.
        sluice.on('jobs:hints', () => store.refreshSoon()),
        sluice.on('jobs:summary', (summary) =>
          store.update((jobs) =>
            jobs.map((job) =>
              job.name === summary.name
                ? {
                    ...job,
                    recordsInPerSecond: summary.recordsInPerSecond,
                    recordsOutPerSecond: summary.recordsOutPerSecond,
                    lag: summary.lag,
                    lastCheckpointId: summary.lastCheckpointId,
                  }
                : job,
            ),
          ),
        ),
      ];
    },
  });
}

/** Cluster profiles; changed only by the Clusters page, which refreshes the store after a change. */
export function clustersStore(api: Api = getApi): RefreshingStore<ClusterProfile[]> {
  return createRefreshingStore<ClusterProfile[]>({
    initial: [],
    load: async () => (await api()?.invoke('clusters:list', undefined)) ?? [],
  });
}

export const topicsStores = (api: Api = getApi) =>
  keyedStores((cluster) =>
    createRefreshingStore<TopicInfo[]>({
      initial: [],
      load: async () => (await api()?.invoke('topics:list', { cluster })) ?? [],
    }),
  );

/** A cluster's groups overview (state, members, lag of every group); main reports progress as it reads. */
export const groupsStores = (api: Api = getApi) =>
  keyedStores((cluster) =>
    createRefreshingStore<GroupsOverview | undefined>({
      initial: undefined,
      load: async () => api()?.invoke('groups:overview', { cluster }),
    }),
  );

/** The clusters whose lag is watched, with their interval; changed only by the Clusters page's toggle. */
export function lagWatchedStore(api: Api = getApi): RefreshingStore<LagWatchInfo[]> {
  return createRefreshingStore<LagWatchInfo[]>({
    initial: [],
    load: async () => (await api()?.invoke('lag:watched', undefined)) ?? [],
  });
}

/** A cluster's lag status (every group's latest evaluation), read again after each monitor cycle. */
export const lagStores = (api: Api = getApi) =>
  keyedStores((cluster) =>
    createRefreshingStore<LagStatusReply | undefined>({
      initial: undefined,
      load: async () => api()?.invoke('lag:status', { cluster }),
      watch: (store) => {
        const sluice = api();
        if (!sluice) return [];
        return [
          sluice.on('lag:cycle', (event) => {
            if (event.cluster === cluster) store.refreshSoon();
          }),
        ];
      },
    }),
  );

/** The stores of this window, shared by every page. */
export const stores = {
  jobs: jobsStore(),
  clusters: clustersStore(),
  topics: topicsStores(),
  groups: groupsStores(),
  lag: lagStores(),
  lagWatched: lagWatchedStore(),
};
