import { createBrowserClient } from './browser-client';

const TOKEN_KEY = 'sluice.token';

/** The launch token from the URL fragment (`#token=...`), kept for reloads of this tab only. */
export function takeToken(location: Location, storage: Storage, history: History): string | undefined {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    // Out of the address bar, so it is not copied along with a screenshot or a shared URL.
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY) ?? undefined;
}

/** Installs the browser client as `window.sluice` when no preload did (browser mode). */
export function installBrowserClient(): void {
  if (window.sluice) return;
  const token = takeToken(window.location, window.sessionStorage, window.history);
  if (!token) return;
  const url = `ws://${window.location.host}/api?token=${encodeURIComponent(token)}`;
  window.sluice = createBrowserClient(new WebSocket(url));
}
