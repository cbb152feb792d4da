import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryRequest, RegistryRequestError } from './registry-http.js';

// Against a local HTTP server: answers a registry gives that the integration tests cannot provoke.
let server: Server;
let url: string;
const held: Array<() => void> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/silent') {
      held.push(() => res.end());
      return;
    }
    if (req.url === '/html') {
      res.writeHead(502, { 'Content-Type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
      return;
    }
    if (req.url === '/garbled') {
      res.writeHead(200);
      res.end('not json');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
    res.end(JSON.stringify({ contentType: req.headers['content-type'], accept: req.headers.accept }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const release of held) release();
  await new Promise((resolve) => server.close(resolve));
});

const endpoint = (timeoutMs = 5_000) => ({ url, headers: {}, timeoutMs });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error as RegistryRequestError,
  );

describe('registry requests', () => {
  it('sends and accepts the registry content type', async () => {
    expect(await registryRequest(endpoint(), 'POST', '/echo', { schema: '{}' })).toEqual({
      contentType: 'application/vnd.schemaregistry.v1+json',
      accept: 'application/vnd.schemaregistry.v1+json, application/json',
    });
  });

  it('bounds a request the registry never answers, naming what was asked', async () => {
    const error = await failure(registryRequest(endpoint(300), 'GET', '/silent', undefined, { what: 'schema id 7' }));
    expect(error).toBeInstanceOf(RegistryRequestError);
    expect(error?.failure).toBe('timeout');
    expect(error?.message).toBe(`schema id 7: GET /silent on ${url}: no answer within 300 ms`);
  });

  it('quotes an answer that is not the registry JSON error, and a success that is not JSON', async () => {
    const html = await failure(registryRequest(endpoint(), 'GET', '/html'));
    expect(html?.message).toBe(`GET /html on ${url} answered HTTP 502: <html>Bad Gateway</html>`);
    expect(html).toMatchObject({ status: 502, failure: 'rejected', errorCode: undefined });
    const garbled = await failure(registryRequest(endpoint(), 'GET', '/garbled'));
    expect(garbled?.message).toBe(`GET /garbled on ${url} answered 200 with a body that is not JSON: not json`);
  });
});
