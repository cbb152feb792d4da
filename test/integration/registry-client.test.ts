import { createServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../engine/registry/registry-client.js';
import { RegistryError } from '../../engine/registry/schema-source.js';
import {
  parseClusterProfile,
  type ClusterProfile,
  type ClusterProfileInput,
} from '../../engine/spec/cluster-profile.js';
import { checkCluster } from '../../engine/transport/cluster-check.js';
import { ClusterConnections } from '../../engine/transport/cluster-connections.js';
import { startApicurio, type Registry } from '../bench/apicurio.js';
import { benchShape } from '../bench/helpers.js';
import { makeTlsMaterial } from '../bench/netns-tls.js';
import { buildCli, kraftBootstrap, runCli, tempDir } from './cli-kit.js';
import { addressReference, avroAddress as address, avroOrder as order } from './registry-fixtures.js';
import { tunnelProfile } from '../bench/netns-fixture.js';

// Our registry client against a real registry (Apicurio's Confluent-compatible API): the three
// schema types with references, by id and by version; the same through the profile's SSH jump
// host; and `sluice cluster test`'s registry step passing and failing.

let registry: Registry;
let unauthorized: Server;
let unauthorizedUrl: string;
const seen: string[] = [];

beforeAll(async () => {
  // A registry that wants credentials (Apicurio's own auth needs an OIDC server): answers 401
  // as Confluent's does, and records the Authorization header it was sent.
  unauthorized = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    res.writeHead(401, { 'Content-Type': 'application/vnd.schemaregistry.v1+json' });
    res.end(JSON.stringify({ error_code: 401, message: 'Unauthorized' }));
  });
  await new Promise<void>((resolve) => unauthorized.listen(0, '127.0.0.1', resolve));
  const address = unauthorized.address();
  unauthorizedUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  [registry] = await Promise.all([startApicurio('registry-client'), buildCli()]);
}, 180_000);

afterAll(async () => {
  await registry?.stop();
  await new Promise((resolve) => unauthorized?.close(resolve));
});

const avroAddress = JSON.stringify(address);
const avroOrder = JSON.stringify(order);
const protoMoney =
  'syntax = "proto3";\npackage acme;\n\nmessage Money {\n  string currency = 1;\n  int64 units = 2;\n}\n';
const protoInvoice =
  'syntax = "proto3";\npackage acme;\n\nimport "money.proto";\n\nmessage Invoice {\n  string id = 1;\n  acme.Money total = 2;\n  message Line {\n    string sku = 1;\n  }\n  repeated Line lines = 3;\n}\n';
const jsonPoint = JSON.stringify({ type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } } });
const jsonShape = JSON.stringify({
  type: 'object',
  properties: { name: { type: 'string' }, origin: { $ref: 'point.json' } },
  required: ['name'],
});

describe('registry client against Apicurio', () => {
  it('registers Avro, Protobuf and JSON Schema with references, and reads them back by id and version', async () => {
    const client = new RegistryClient({ url: registry.ccompatUrl });
    const addressId = await client.register('com.acme.Address', {
      schemaType: 'AVRO',
      schema: avroAddress,
      references: [],
    });
    const orderRefs = [addressReference];
    const orderId = await client.register('orders-value', {
      schemaType: 'AVRO',
      schema: avroOrder,
      references: orderRefs,
    });
    const moneyId = await client.register('money.proto', {
      schemaType: 'PROTOBUF',
      schema: protoMoney,
      references: [],
    });
    const invoiceRefs = [{ name: 'money.proto', subject: 'money.proto', version: 1 }];
    const invoiceId = await client.register('invoices-value', {
      schemaType: 'PROTOBUF',
      schema: protoInvoice,
      references: invoiceRefs,
    });
    const pointId = await client.register('point.json', { schemaType: 'JSON', schema: jsonPoint, references: [] });
    const shapeRefs = [{ name: 'point.json', subject: 'point.json', version: 1 }];
    const shapeId = await client.register('shapes-value', {
      schemaType: 'JSON',
      schema: jsonShape,
      references: shapeRefs,
    });
    expect(new Set([addressId, orderId, moneyId, invoiceId, pointId, shapeId]).size).toBe(6);

    // A fresh client: nothing cached, everything from the registry.
    const reader = new RegistryClient({ url: `${registry.ccompatUrl}/` });
    const order = await reader.schemaById(orderId);
    expect(order).toMatchObject({ id: orderId, schemaType: 'AVRO', references: orderRefs });
    expect(JSON.parse(order.schema)).toEqual(JSON.parse(avroOrder));
    const invoice = await reader.schemaById(invoiceId);
    expect(invoice).toMatchObject({ schemaType: 'PROTOBUF', references: invoiceRefs });
    expect(invoice.schema).toContain('message Invoice');
    expect(invoice.schema).toContain('import "money.proto"');
    const shape = await reader.schemaById(shapeId);
    expect(shape).toMatchObject({ schemaType: 'JSON', references: shapeRefs });
    expect(JSON.parse(shape.schema)).toEqual(JSON.parse(jsonShape));
    // Cached by id: the same record, not a second request.
    expect(await reader.schemaById(orderId)).toBe(order);

    expect(await reader.subjects()).toEqual(
      expect.arrayContaining([
        'com.acme.Address',
        'orders-value',
        'money.proto',
        'invoices-value',
        'point.json',
        'shapes-value',
      ]),
    );
    const v2 = await client.register('orders-value', {
      schemaType: 'AVRO',
      schema: JSON.stringify({
        ...JSON.parse(avroOrder),
        fields: [
          ...(JSON.parse(avroOrder) as { fields: unknown[] }).fields,
          { name: 'note', type: 'string', default: '' },
        ],
      }),
      references: orderRefs,
    });
    expect(await reader.versions('orders-value')).toEqual([1, 2]);
    const first = await reader.schemaByVersion('orders-value', 1);
    expect(first).toMatchObject({ id: orderId, subject: 'orders-value', version: 1, schemaType: 'AVRO' });
    expect(await reader.schemaByVersion('orders-value', 1)).toBe(first);
    expect(await reader.schemaByVersion('orders-value', 'latest')).toMatchObject({ id: v2, version: 2 });
    const money = await reader.schemaByVersion('money.proto', 1);
    expect(money).toMatchObject({ id: moneyId, schemaType: 'PROTOBUF', references: [] });

    // Lookup finds the version holding a schema; registering it again answers the same id.
    expect(await reader.lookup('point.json', { schemaType: 'JSON', schema: jsonPoint, references: [] })).toMatchObject({
      id: pointId,
      version: 1,
    });
    expect(
      await reader.lookup('point.json', { schemaType: 'JSON', schema: jsonShape, references: [] }),
    ).toBeUndefined();
    expect(await client.register('point.json', { schemaType: 'JSON', schema: jsonPoint, references: [] })).toBe(
      pointId,
    );
  });

  it('names the unknown id, subject or version, with the path and the registry error_code', async () => {
    const client = new RegistryClient({ url: registry.ccompatUrl });
    const unknownId = await client.schemaById(987_654).catch((error: unknown) => error);
    expect(unknownId).toBeInstanceOf(RegistryError);
    expect((unknownId as RegistryError).message).toContain('schema id 987654');
    expect((unknownId as RegistryError).message).toContain(`GET /schemas/ids/987654 on ${registry.ccompatUrl}`);
    expect((unknownId as RegistryError).status).toBe(404);
    expect((unknownId as RegistryError).errorCode).toBe(40403);

    const noSubject = await client.versions('no-such-subject').catch((error: unknown) => error);
    expect((noSubject as RegistryError).message).toMatch(/subject "no-such-subject".*HTTP 404 error_code 40401/);

    const badSchema = await client
      .register('broken-value', { schemaType: 'AVRO', schema: '{"type": "record"', references: [] })
      .catch((error: unknown) => error);
    expect((badSchema as RegistryError).message).toContain('registering a AVRO schema under subject "broken-value"');
    expect((badSchema as RegistryError).status).toBeGreaterThanOrEqual(400);

    const closed = new RegistryClient({ url: 'http://127.0.0.1:1', timeoutMs: 2_000 });
    await expect(closed.subjects()).rejects.toThrow(
      /GET \/subjects on http:\/\/127.0.0.1:1: cannot reach the registry: .*ECONNREFUSED/,
    );
  });
});

/** A profile whose brokers and registry are reached through the bench's sshd (loopback). */
function sshProfile(name: string, schemaRegistry: ClusterProfileInput['schemaRegistry']): ClusterProfile {
  return tunnelProfile(benchShape('sshd'), { name, bootstrapServers: [kraftBootstrap()], schemaRegistry });
}

describe('registry through the profile', () => {
  it('reaches the registry through the SSH jump host, each request on a forwardOut channel', async () => {
    const profile = sshProfile('tunnelled', { url: registry.ccompatUrl });
    const connections = new ClusterConnections({ lookup: () => profile, env: {} });
    try {
      const client = await connections.registry('tunnelled');
      // The same client (and cache) for every user of the profile.
      expect(await connections.registry('tunnelled')).toBe(client);
      const tunnel = (await connections.tunnel('tunnelled'))!;
      const channels: string[] = [];
      const open = tunnel.openChannel.bind(tunnel);
      tunnel.openChannel = (host, port) => {
        channels.push(`${host}:${port}`);
        return open(host, port);
      };
      const id = await client.register('tunnelled-value', { schemaType: 'AVRO', schema: avroAddress, references: [] });
      // By id: the schema, then where it is registered (Apicurio's answer by id names no subject;
      // an earlier test may have registered the same schema under another subject first).
      const byId = await client.schemaById(id);
      expect(byId.schema).toContain('Address');
      expect(byId.subject).toEqual(expect.any(String));
      expect(await client.subjects()).toContain('tunnelled-value');
      const port = new URL(registry.ccompatUrl).port;
      expect(channels).toEqual(Array.from({ length: 4 }, () => `127.0.0.1:${port}`));

      // Down with the tunnel: a closed jump host means no registry, not a direct connection.
      await tunnel.close();
      await expect(client.subjects()).rejects.toThrow(/SSH tunnel .* is closed/);
    } finally {
      await connections.close();
    }
  });

  it('a profile without a registry says so', async () => {
    const profile = parseClusterProfile({ name: 'plain', bootstrapServers: [kraftBootstrap()] });
    const connections = new ClusterConnections({ lookup: () => (profile.ok ? profile.value : undefined) });
    await expect(connections.registry('plain')).rejects.toThrow(/has no schemaRegistry/);
    await connections.close();
  });
});

describe('sluice cluster test: the registry step', () => {
  it('passes through the tunnel, and names a wrong URL, an unreachable registry and refused credentials', async () => {
    const dir = tempDir();
    const file = join(dir, 'clusters.json');
    const direct = (name: string, schemaRegistry: unknown) => ({
      name,
      bootstrapServers: [kraftBootstrap()],
      schemaRegistry,
    });
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        clusters: [
          sshProfile('via-ssh', { url: registry.ccompatUrl }),
          direct('wrong-url', { url: `${registry.url}/not/the/api` }),
          direct('unreachable', { url: 'http://127.0.0.1:1' }),
          direct('bad-password', {
            url: unauthorizedUrl,
            auth: { basic: { username: 'ops', password: { secret: 'env:REGISTRY_PASSWORD' } } },
          }),
        ],
      }),
    );
    const env = { REGISTRY_PASSWORD: 'wrong' };
    const ok = await runCli(['cluster', 'test', 'via-ssh', '--clusters', file, '--json'], { env });
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as { ok: boolean; steps: { step: string; status: string; detail?: string }[] };
    expect(report.steps.map((s) => `${s.step} ${s.status}`)).toEqual([
      'ssh-connect ok',
      'host-key ok',
      'ssh-auth ok',
      'bootstrap ok',
      'metadata ok',
      'broker ok',
      'registry ok',
    ]);
    expect(report.steps.at(-1)?.detail).toMatch(/subject\(s\), through the SSH tunnel/);

    const wrong = await runCli(['cluster', 'test', 'wrong-url', '--clusters', file], { env });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/FAILED\s+registry/);
    expect(wrong.stderr).toMatch(
      /registry .* failed: no Schema Registry API at this URL .*HTTP 404.*\[hint: registry-not-found\]/,
    );

    const unreachable = await runCli(['cluster', 'test', 'unreachable', '--clusters', file], { env });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/the registry is not reachable: .*ECONNREFUSED/);

    const refused = await runCli(['cluster', 'test', 'bad-password', '--clusters', file], { env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the registry refused the credentials: .*HTTP 401.*\[hint: registry-auth\]/);
    expect(seen).toContain(`Basic ${Buffer.from('ops:wrong').toString('base64')}`);
  });
});

describe('sluice registry', () => {
  it('lists subjects and shows a version through the profile, naming what is missing', async () => {
    const file = join(tempDir(), 'clusters.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, clusters: [sshProfile('via-ssh', { url: registry.ccompatUrl })] }),
    );
    const subjects = await runCli(['registry', 'subjects', 'via-ssh', '--clusters', file]);
    expect(subjects.code).toBe(0);
    expect(subjects.stdout.split('\n')).toEqual(expect.arrayContaining(['orders-value', 'com.acme.Address']));

    const shown = await runCli(['registry', 'show', 'via-ssh', 'orders-value', '1', '--clusters', file]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('subject orders-value version 1 (versions: 1, 2)');
    expect(shown.stdout).toMatch(/type Avro, id \d+, references: com.acme.Address -> com.acme.Address v1/);
    expect(shown.stdout).toContain('\n  "name": "Order",');

    const json = await runCli(['registry', 'show', 'via-ssh', 'invoices-value', '--clusters', file, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ subject: 'invoices-value', schemaType: 'PROTOBUF', versions: [1] });

    const missing = await runCli(['registry', 'show', 'via-ssh', 'no-such-subject', '--clusters', file]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/subject "no-such-subject".*HTTP 404/);
    const badVersion = await runCli(['registry', 'show', 'via-ssh', 'orders-value', 'first', '--clusters', file]);
    expect(badVersion.code).toBe(2);
    expect(badVersion.stderr).toContain('version must be a positive number or "latest", got "first"');
  });
});

describe('registry over https', () => {
  it('checks the certificate against the profile CA, directly and through the SSH tunnel', async () => {
    const dir = tempDir();
    const tls = await makeTlsMaterial(dir, ['localhost'], join(dir, 'tls.log'));
    // A stand-in registry over TLS (Apicurio's own TLS needs a key store setup of its own).
    const server = createHttpsServer(
      { cert: readFileSync(join(dir, 'broker.pem')), key: readFileSync(join(dir, 'broker.key')) },
      (req, res) => {
        res.writeHead(req.url === '/subjects' ? 200 : 404, { 'Content-Type': 'application/json' });
        res.end(req.url === '/subjects' ? '["tls-value"]' : '{"error_code":40401,"message":"not here"}');
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    const url = `https://localhost:${port}`;
    const subjectsVia = async (profile: ClusterProfile) => {
      const connections = new ClusterConnections({ lookup: () => profile, env: {} });
      try {
        return await (await connections.registry(profile.name)).subjects();
      } finally {
        await connections.close();
      }
    };
    const direct = (name: string, schemaRegistry: unknown) => {
      const parsed = parseClusterProfile({ name, bootstrapServers: [kraftBootstrap()], schemaRegistry });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
      return parsed.value;
    };
    try {
      expect(await subjectsVia(direct('tls-ok', { url, tls: { ca: tls.caPath } }))).toEqual(['tls-value']);
      expect(await subjectsVia(sshProfile('tls-ssh', { url, tls: { ca: tls.caPath } }))).toEqual(['tls-value']);
      await expect(subjectsVia(direct('tls-other', { url, tls: { ca: tls.otherCaPath } }))).rejects.toThrow(
        /GET \/subjects on https:\/\/localhost:\d+: TLS failed: .*certificate/i,
      );
      await expect(subjectsVia(sshProfile('tls-ssh-other', { url, tls: { ca: tls.otherCaPath } }))).rejects.toThrow(
        /TLS failed/,
      );
      expect(
        await subjectsVia(direct('tls-unchecked', { url, tls: { ca: tls.otherCaPath, rejectUnauthorized: false } })),
      ).toEqual(['tls-value']);
      const check = await checkCluster(direct('tls-check', { url, tls: { ca: tls.otherCaPath } }), { env: {} });
      const step = check.steps.find((s) => s.step === 'registry');
      expect(step).toMatchObject({ status: 'failed', error: { hintId: 'tls' } });
      expect(step?.error?.message).toMatch(/^the TLS handshake with the registry failed: /);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
