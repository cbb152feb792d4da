import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isTrustedUrl, secureWebPreferences } from './security';

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
    expect(isTrustedUrl('file:///app/out/renderer/index.html', undefined)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/index.html', 'http://localhost:5173')).toBe(true);
    expect(isTrustedUrl('https://evil.example/', 'http://localhost:5173')).toBe(false);
    expect(isTrustedUrl('not a url', undefined)).toBe(false);
  });

  it('has a CSP with no inline or remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });
});
