import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  guardNavigation,
  hardenSession,
  isSafeExternalUrl,
  isTrustedUrl,
  secureWebPreferences,
  type NavigatingContents,
  type SessionLike,
} from './security';

describe('window security', () => {
  it('turns on isolation and sandbox and keeps Node out of the renderer', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('trusts only our own bundle and the dev server', () => {
    expect(isTrustedUrl('app://sluice/index.html', undefined)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('https://evil.example/', 'http://localhost:5173')).toBe(false);
    // A prefix is not an origin: localhost:51730 is another server.
    expect(isTrustedUrl('http://localhost:51730/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('app://other/index.html', undefined)).toBe(false);
    expect(isTrustedUrl('file:///app/out/renderer/index.html', undefined)).toBe(false);
    expect(isTrustedUrl('not a url', undefined)).toBe(false);
  });

  it('has a CSP with no inline or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('puts the CSP on every response and grants no web permission', () => {
    let onHeaders: Parameters<SessionLike['webRequest']['onHeadersReceived']>[0] | undefined;
    let onRequest: Parameters<SessionLike['setPermissionRequestHandler']>[0] | undefined;
    let onCheck: Parameters<SessionLike['setPermissionCheckHandler']>[0] | undefined;
    hardenSession({
      webRequest: { onHeadersReceived: (l) => (onHeaders = l) },
      setPermissionRequestHandler: (h) => (onRequest = h),
      setPermissionCheckHandler: (h) => (onCheck = h),
    });
    let headers: Record<string, string[]> = {};
    onHeaders!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    const granted: boolean[] = [];
    onRequest!({}, 'media', (g) => granted.push(g));
    onRequest!({}, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(onCheck!({}, 'geolocation')).toBe(false);
  });

  it('blocks navigation away from the bundle and every new window; https links go to the browser', () => {
    const listeners: Record<string, (e: { preventDefault(): void }, url: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | undefined;
    const contents: NavigatingContents = {
      on: (event, l) => void (listeners[event] = l),
      setWindowOpenHandler: (h) => void (openHandler = h),
    };
    const external: string[] = [];
    guardNavigation(contents, undefined, (url) => external.push(url));
    const prevented = (event: string, url: string) => {
      let blocked = false;
      listeners[event]!({ preventDefault: () => (blocked = true) }, url);
      return blocked;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(prevented('will-navigate', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(prevented('will-navigate', 'app://sluice/index.html')).toBe(false);
    for (const url of [
      'https://kafka.apache.org/documentation/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://x/y',
    ]) {
      expect(openHandler!({ url })).toEqual({ action: 'deny' });
    }
    expect(external).toEqual(['https://kafka.apache.org/documentation/']);
  });

  it('opens only credential-free https URLs externally', () => {
    expect(isSafeExternalUrl('https://docs.example/x')).toBe(true);
    expect(isSafeExternalUrl('https://user:pw@docs.example/')).toBe(false);
    expect(isSafeExternalUrl('http://docs.example/')).toBe(false);
    expect(isSafeExternalUrl('nope')).toBe(false);
  });
});
