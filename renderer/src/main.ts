import { mount } from 'svelte';
import App from './app/App.svelte';
import './app/theme.css';
import { installBrowserClient } from './lib/install-browser-client';

installBrowserClient();
const target = document.getElementById('app');
if (!target) throw new Error('Sluice: #app element missing from index.html');
mount(App, { target });
