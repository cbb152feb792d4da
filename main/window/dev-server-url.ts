/** Which dev server the window may load, and why a given value was refused. */
export interface DevServerDecision {
  url?: string;
  warning?: string;
}

const LOOPBACK = /^(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])$/;

/**
 * `ELECTRON_RENDERER_URL` (electron-vite's dev server) decides which origin the window loads and the
 * IPC sender check trusts. Honoured only in an unpackaged build and only for loopback http, so an
 * environment variable cannot point an installed app at a remote page that could then call main.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): DevServerDecision {
  const value = env['ELECTRON_RENDERER_URL'];
  if (value === undefined || value === '') return {};
  if (isPackaged) return { warning: 'ELECTRON_RENDERER_URL is ignored in a packaged app' };
  const refused = {
    warning: `ELECTRON_RENDERER_URL ${JSON.stringify(value)} is ignored: only a loopback http:// address (localhost, 127.0.0.1, [::1]) may serve the window`,
  };
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return refused;
  }
  const plain = parsed.protocol === 'http:' && parsed.username === '' && parsed.password === '';
  return plain && LOOPBACK.test(parsed.hostname) ? { url: value } : refused;
}
