import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY, registerAppProtocol, resolveAppUrl, type ProtocolLike } from './app-protocol';

const bundle = '/opt/sluice/out/renderer';

describe('app:// protocol', () => {
  it('maps bundle URLs to files in the bundle', () => {
    expect(resolveAppUrl(APP_ENTRY, bundle)).toBe(`${bundle}/index.html`);
    expect(resolveAppUrl('app://sluice/', bundle)).toBe(`${bundle}/index.html`);
    expect(resolveAppUrl('app://sluice/assets/index-1.js?x=1#y', bundle)).toBe(`${bundle}/assets/index-1.js`);
  });

  it('never leaves the bundle: dot segments stay inside it', () => {
    // The URL parser removes literal dot segments; what is left resolves within the bundle.
    expect(resolveAppUrl('app://sluice/../secret.key', bundle)).toBe(`${bundle}/secret.key`);
    expect(resolveAppUrl('app://sluice/assets/../../../x', bundle)).toBe(`${bundle}/x`);
    expect(resolveAppUrl('app://sluice/%2e%2e/%2e%2e/settings.json', bundle)).toBe(`${bundle}/settings.json`);
  });

  it('refuses encoded escapes, other hosts and malformed URLs', () => {
    for (const url of [
      'app://sluice/assets/..%2F..%2F..%2Fx',
      'app://sluice/a%00.js',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://sluice/%E0%A4%A',
    ]) {
      expect(resolveAppUrl(url, bundle), url).toBeUndefined();
    }
  });

  it('serves bundle files and answers 404 or 405 for the rest', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sluice-bundle-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'assets', 'a.js'), 'export {}');
    let handler: Parameters<ProtocolLike['handle']>[1] | undefined;
    registerAppProtocol(
      { handle: (_scheme, h) => (handler = h) },
      async (fileUrl) =>
        new Response(`read ${fileURLToPath(fileUrl)}`, { headers: { 'Content-Type': 'text/javascript' } }),
      dir,
      "default-src 'none'",
    );
    const get = async (url: string, method = 'GET') => {
      const response = await handler!({ url, method });
      expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'none'");
      return `${response.status} ${await response.text()}`;
    };
    const typed = await handler!({ url: 'app://sluice/assets/a.js', method: 'GET' });
    expect(typed.headers.get('Content-Type')).toBe('text/javascript');
    expect(await get('app://sluice/assets/a.js')).toBe(`200 read ${join(dir, 'assets', 'a.js')}`);
    expect(await get('app://sluice/..%2F..%2F..%2Fetc%2Fpasswd')).toBe('404 not found');
    expect(await get('app://sluice/assets/a.js', 'POST')).toBe('405 method not allowed');
  });
});
