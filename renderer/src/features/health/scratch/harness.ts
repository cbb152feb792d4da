import { mount } from 'svelte';
import '../../../app/theme.css';
import { installBrowserClient } from '../../../lib/install-browser-client';
import LintPanel from '../../troubleshooting/LintPanel.svelte';
import ClusterHealth from '../ClusterHealth.svelte';

installBrowserClient();
const api = window.sluice!;
const brokers = (new URLSearchParams(location.search).get('brokers') ?? '').split(',');
await api.invoke('clusters:save', { profile: { name: 'staging', bootstrapServers: brokers } } as never);
await api
  .invoke('jobs:save', {
    spec: {
      version: 1,
      name: 'orders-copy',
      source: { cluster: { profile: 'staging' }, topics: ['orders'], groupId: 'copy' },
      sink: { type: 'kafka', topic: 'orders-copy', acks: 1, idempotent: false },
    },
  } as never)
  .catch(() => undefined);
mount(LintPanel, { target: document.getElementById('lint')!, props: { job: 'orders-copy' } });
mount(ClusterHealth, { target: document.getElementById('health')!, props: { cluster: 'staging' } });
setTimeout(() => (document.querySelector('#lint button') as HTMLButtonElement).click(), 100);
