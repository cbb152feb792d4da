import { isAbsolute, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

// The renderer bundle is served from app://sluice/ rather than file:// (Electron security checklist,
// item 18): a page on a custom scheme cannot read other local files the way a file:// page can,
// and only the bundle directory is reachable through it.

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://sluice';
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready: a standard, secure origin. */
export const appSchemePrivileges = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** The bundle file an app://sluice/ URL names, or undefined for anything outside the bundle. */
export function resolveAppUrl(url: string, bundleDir: string): string | undefined {
  let parsed: URL;
  let path: string;
  try {
    parsed = new URL(url);
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN || path.includes('\0')) return undefined;
  const file = join(bundleDir, path === '/' ? 'index.html' : path);
  const inside = relative(bundleDir, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return file;
}

/** The parts of Electron's protocol and net modules the handler needs; injected for tests. */
export interface ProtocolLike {
  handle(scheme: string, handler: (request: { url: string; method: string }) => Promise<Response> | Response): void;
}
export type FetchFile = (fileUrl: string) => Promise<Response>;

/**
 * Serves the bundle read-only: GET only, no directory listing, 404 outside the bundle. Every
 * response carries the CSP as a header too (the bundle's meta tag is the second line of defence).
 */
export function registerAppProtocol(
  protocol: ProtocolLike,
  fetchFile: FetchFile,
  bundleDir: string,
  contentSecurityPolicy: string,
): void {
  const headers = { 'Content-Security-Policy': contentSecurityPolicy, 'X-Content-Type-Options': 'nosniff' };
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('method not allowed', { status: 405, headers });
    const file = resolveAppUrl(request.url, bundleDir);
    if (!file) return new Response('not found', { status: 404, headers });
    const response = await fetchFile(pathToFileURL(file).toString());
    const merged = new Headers(response.headers);
    for (const [name, value] of Object.entries(headers)) merged.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers: merged });
  });
}
