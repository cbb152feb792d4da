import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { benchShape, uniqueName } from '../bench/helpers.js';
import { captureForReadme, startConsole, type Console } from '../e2e/console-kit.js';
import { ClustersPage } from '../e2e/pages/ClustersPage.js';
import { SchemasPage } from '../e2e/pages/SchemasPage.js';
import { addressReference, avroAddress as address, avroOrder as order } from './registry-fixtures.js';

// The Schema Registry in the console, against a real Apicurio: a cluster saved with a registry
// through the form passes its connection test with a registry step, and the Schemas section shows
// what another client registered (plain HTTP here, not Sluice's client).

let app: Console;
let registry: Registry;
const cluster = uniqueName('registry-e2e');
const ids: Record<string, number> = {};

async function register(subject: string, body: unknown): Promise<number> {
  const response = await fetch(`${registry.ccompatUrl}/subjects/${subject}/versions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: number }).id;
}

beforeAll(async () => {
  [registry, app] = await Promise.all([startApicurio('console-registry'), startConsole()]);
  ids['address'] = await register('com.acme.Address', { schema: JSON.stringify(address) });
  ids['order'] = await register('orders-value', {
    schema: JSON.stringify(order),
    references: [addressReference],
  });
  ids['invoice'] = await register('invoices-value', {
    schemaType: 'PROTOBUF',
    schema: 'syntax = "proto3";\npackage acme;\n\nmessage Invoice {\n  string id = 1;\n}\n',
  });
  await app.browser.url(app.mode.server.url);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await registry?.stop();
});

describe('Schema Registry in the console', () => {
  it('saves a cluster with a registry from the form; its connection test has a registry step', async () => {
    const page = new ClustersPage(app.browser);
    await page.open();
    await page.add({
      name: cluster,
      bootstrapServers: benchShape('kraft').bootstrap,
      registryEnabled: true,
      registryUrl: 'registry:8081',
      registryAuthType: 'basic',
      registryUsername: 'ops',
    });
    await page.save();
    expect(await page.fieldError('registryUrl')).toBe('expected an http:// or https:// URL');
    expect(await page.fieldError('registryPassword')).toBe('enter a password');
    expect(await page.fieldError('registryAuthType')).toBeUndefined();
    await app.browser.$('input[name="registryUrl"]').scrollIntoView();
    await captureForReadme(app.browser, 'cluster-form-registry');
    await app.browser.saveScreenshot(join('test-results', 'e2e', 'cluster-form-registry.png'));

    // Apicurio runs without auth and ignores the header; the password is still stored encrypted.
    await page.fill({ registryUrl: registry.ccompatUrl, registryPassword: 'registry-secret' });
    expect(await page.saveAndTest(cluster)).toBe(`Connected to ${cluster}`);
    expect(await page.steps(cluster)).toEqual(['bootstrap:ok', 'metadata:ok', 'broker:ok', 'registry:ok']);
    const settings = readFileSync(join(app.dataDir, 'settings.json'), 'utf8');
    expect(settings).not.toContain('registry-secret');
    const saved = (JSON.parse(settings) as { clusters: { name: string; schemaRegistry?: unknown }[] }).clusters.find(
      (c) => c.name === cluster,
    );
    expect(saved?.schemaRegistry).toEqual({
      url: registry.ccompatUrl,
      auth: { basic: { username: 'ops', password: { secret: expect.stringMatching(/^store:/) as unknown } } },
    });
  });

  it('lists subjects, versions and the schema registered by another client', async () => {
    const page = new SchemasPage(app.browser);
    await page.open(cluster);
    expect(await page.waitForSubject('orders-value')).toEqual(['com.acme.Address', 'invoices-value', 'orders-value']);
    const shown = await page.show('orders-value');
    expect(shown).toMatchObject({
      heading: 'orders-value version 1',
      type: 'Avro',
      id: String(ids['order']),
      references: 'com.acme.Address → com.acme.Address v1',
    });
    expect(JSON.parse(shown.text)).toEqual(order);
    expect(shown.text).toContain('\n  "name": "Order"');
    expect(await page.versions()).toEqual(['version 1']);
    await captureForReadme(app.browser, 'schemas-page');
    await app.browser.saveScreenshot(join('test-results', 'e2e', 'schemas-page.png'));

    const proto = await page.show('invoices-value');
    expect(proto).toMatchObject({ type: 'Protobuf', id: String(ids['invoice']), references: 'none' });
    expect(proto.text).toContain('message Invoice {');
  });
});
