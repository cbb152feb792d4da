// The console's sections, in navigation order. Data, so the sidebar and shortcuts agree.
export interface Section {
  id: 'clusters' | 'topics' | 'jobs' | 'groups' | 'schemas';
  label: string;
  shortcut: string;
  empty: { title: string; next: string };
}

export const sections: readonly Section[] = [
  {
    id: 'clusters',
    label: 'Clusters',
    shortcut: '1',
    empty: {
      title: 'No clusters yet',
      next: 'Add a cluster profile: bootstrap servers, and an SSH jump host if the brokers sit behind one.',
    },
  },
  {
    id: 'topics',
    label: 'Topics',
    shortcut: '2',
    empty: { title: 'No cluster selected', next: 'Pick a cluster to list its topics and browse records.' },
  },
  {
    id: 'jobs',
    label: 'Jobs',
    shortcut: '3',
    empty: {
      title: 'No jobs yet',
      next: 'Create a job: replay a topic from a timestamp, copy between clusters, or drain to a file.',
    },
  },
  {
    id: 'groups',
    label: 'Consumer groups',
    shortcut: '4',
    empty: { title: 'No cluster selected', next: 'Pick a cluster to see its groups, members and lag.' },
  },
  {
    id: 'schemas',
    label: 'Schemas',
    shortcut: '5',
    empty: { title: 'No cluster selected', next: "Pick a cluster to read its Schema Registry's subjects." },
  },
];
