import type { WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-protocol';

// Electron security checklist: isolation, sandbox, no Node in the renderer, web security on.
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A renderer URL is trusted only if it is our own bundle (app://sluice/, see app-protocol.ts) or,
 * in development, the dev server's origin. No file:// page is trusted.
 */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const origin = new URL(url).origin;
    if (devServerUrl && origin === new URL(devServerUrl).origin) return true;
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The part of an Electron Session the hardening needs; injected so it is testable without Electron. */
export interface SessionLike {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: { responseHeaders?: Record<string, string[]> },
        callback: (response: { responseHeaders: Record<string, string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/**
 * Session-wide: our CSP on every response (the dev server's too; the bundle also carries it as a
 * meta tag), and no web permission (camera, notifications from web content, geolocation…) granted.
 * The OS notifications Sluice shows come from main, not from web content.
 */
export function hardenSession(session: SessionLike): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** The part of webContents that navigation guarding needs. */
export interface NavigatingContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void }, url: string) => void,
  ): void;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The window never leaves our own bundle and never opens another window. An https link (docs,
 * hint pages) opens in the user's browser instead; any other scheme (file:, javascript:, custom
 * protocol handlers) is refused, so shell.openExternal never sees untrusted schemes.
 */
export function guardNavigation(
  contents: NavigatingContents,
  devServerUrl: string | undefined,
  openExternal: (url: string) => void,
): void {
  const block = (event: { preventDefault(): void }, url: string): void => {
    if (!isTrustedUrl(url, devServerUrl)) event.preventDefault();
  };
  contents.on('will-navigate', block);
  contents.on('will-redirect', block);
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** https only, and no credentials in the URL. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
