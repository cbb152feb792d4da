import jsonata from 'jsonata';
import { mount } from 'svelte';
import { provideJsonata } from '../../engine/spec/jsonata-module';
import App from './app/App.svelte';
import './app/theme.css';
import { installBrowserClient } from './lib/install-browser-client';

// The job spec schema checks filter and map expressions; Node code loads jsonata on first use instead.
provideJsonata(jsonata);
installBrowserClient();
const target = document.getElementById('app');
if (!target) throw new Error('Sluice: #app element missing from index.html');
mount(App, { target });
