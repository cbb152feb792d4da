import { describe, expect, it } from 'vitest';
import { devServerUrl } from './dev-server-url';

describe('devServerUrl', () => {
  const env = (url: string | undefined) => (url === undefined ? {} : { ELECTRON_RENDERER_URL: url });

  it('honours a loopback http URL in an unpackaged (development) build', () => {
    expect(devServerUrl(env('http://localhost:5173'), false)).toEqual({ url: 'http://localhost:5173' });
    expect(devServerUrl(env('http://127.0.0.1:5173/'), false)).toEqual({ url: 'http://127.0.0.1:5173/' });
    expect(devServerUrl(env('http://[::1]:5173'), false)).toEqual({ url: 'http://[::1]:5173' });
    expect(devServerUrl(env(undefined), false)).toEqual({});
  });

  it('ignores the variable in a packaged app, with a warning', () => {
    const decision = devServerUrl(env('http://localhost:5173'), true);
    expect(decision.url).toBeUndefined();
    expect(decision.warning).toMatch(/ELECTRON_RENDERER_URL is ignored in a packaged app/);
  });

  it('refuses anything but loopback http, naming the value', () => {
    for (const url of [
      'https://evil.example',
      'http://evil.example:5173',
      'http://127.0.0.1.evil.example',
      'http://localhost@evil.example',
      'file:///etc/passwd',
      'app://sluice/',
      'not a url',
      'http://user:pw@localhost:5173',
    ]) {
      const decision = devServerUrl(env(url), false);
      expect(decision.url, url).toBeUndefined();
      expect(decision.warning, url).toContain(JSON.stringify(url));
    }
  });
});
