import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParams, fuzzTimeoutMs } from '../fuzz-params.js';
import { parseClusterProfile, parseClusterProfilesFile } from './cluster-profile.js';
import { damaged, expectParsedOrProblems, throughJson } from './spec-fuzz-kit.js';

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const compact = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const nonEmpty = fc.string({ unit: 'binary', minLength: 1, maxLength: 20 });
const host = fc.stringMatching(/^[a-z0-9.-]{1,20}$/);
const port = fc.integer({ min: 1, max: 65_535 });
const hostPort = fc.tuple(host, port).map(([h, p]) => `${h}:${p}`);
const positiveMs = fc.integer({ min: 1, max: 600_000 });
// A reference is one line (`.` in the schema's pattern stops at line breaks).
const oneLine = nonEmpty.filter((s) => !/[\n\r\u2028\u2029]/.test(s));
const secret = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), oneLine)
  .map(([kind, ref]) => ({ secret: `${kind}:${ref}` }));
const fingerprint = fc.stringMatching(/^[A-Za-z0-9+/]{43}$/).map((b64) => `SHA256:${b64}`);

const tls = fc
  .record({
    ca: optional(nonEmpty),
    clientCert: fc.boolean(),
    cert: nonEmpty,
    key: nonEmpty,
    keyPassphrase: optional(secret),
  })
  .map(({ clientCert, cert, key, keyPassphrase, ca }) =>
    compact({ ca, ...(clientCert ? { cert, key, keyPassphrase } : {}) }),
  );

const sasl = fc.record({
  mechanism: fc.constantFrom('plain', 'scram-sha-256', 'scram-sha-512'),
  username: nonEmpty,
  password: secret,
});

const sshAuth = fc.oneof(
  fc.record({ type: fc.constant('private-key'), path: nonEmpty, passphrase: optional(secret) }).map(compact),
  fc.record({ type: fc.constant('password'), password: secret }),
  fc.record({ type: fc.constant('agent'), socket: optional(nonEmpty) }).map(compact),
);

const ssh = fc
  .record({
    host: nonEmpty,
    port: optional(port),
    user: nonEmpty,
    auth: sshAuth,
    hostKey: optional(
      fc.record({ knownHostsFile: optional(nonEmpty), fingerprint: optional(fingerprint) }).map(compact),
    ),
    keepaliveIntervalMs: optional(positiveMs),
    keepaliveCountMax: optional(fc.integer({ min: 1, max: 10 })),
    connectTimeoutMs: optional(positiveMs),
    reconnect: optional(
      fc.record({ initialDelayMs: optional(positiveMs), maxDelayMs: optional(positiveMs) }).map(compact),
    ),
  })
  .map(compact);

const zookeeper = fc
  .record({
    servers: fc.array(hostPort, { minLength: 1, maxLength: 3 }),
    chroot: optional(fc.stringMatching(/^\/[a-z0-9/_-]{0,10}$/)),
    sessionTimeoutMs: optional(positiveMs),
  })
  .map(({ servers, chroot, sessionTimeoutMs }) =>
    compact({ connect: `${servers.join(',')}${chroot ?? ''}`, sessionTimeoutMs }),
  );

const schemaRegistry = fc
  .record({
    url: fc
      .tuple(fc.constantFrom('http', 'https'), fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/), port)
      .map(([scheme, name, at]) => `${scheme}://${name}:${at}`),
    auth: optional(
      fc.oneof(
        fc.record({ basic: fc.record({ username: nonEmpty, password: secret }) }),
        fc.record({ bearer: fc.record({ token: secret }) }),
      ),
    ),
    tls: optional(fc.record({ ca: optional(nonEmpty), rejectUnauthorized: optional(fc.boolean()) }).map(compact)),
  })
  .map(compact);

const profile = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,30}$/),
    description: optional(fc.string({ unit: 'binary', maxLength: 40 })),
    bootstrapServers: fc.array(hostPort, { minLength: 1, maxLength: 3 }),
    clientId: optional(nonEmpty),
    connectionTimeoutMs: optional(positiveMs),
    requestTimeoutMs: optional(positiveMs),
    tls: optional(tls),
    sasl: optional(sasl),
    ssh: optional(ssh),
    zookeeper: optional(zookeeper),
    schemaRegistry: optional(schemaRegistry),
  })
  .map(compact);

const profilesFile = fc.record({
  version: fc.constant(1),
  clusters: fc.uniqueArray(profile, { selector: (p) => p.name, maxLength: 4 }),
});

describe('the cluster profile schema on arbitrary input', () => {
  it(
    'answers ok or problems with paths for any JSON, never throwing',
    () =>
      fc.assert(
        fc.property(fc.jsonValue(), (input) => {
          expectParsedOrProblems(parseClusterProfile, input);
          expectParsedOrProblems(parseClusterProfilesFile, input);
          expectParsedOrProblems(parseClusterProfilesFile, { version: 1, clusters: [input, input] });
        }),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );

  it(
    'the same for valid profiles and profile files with random damage',
    () =>
      fc.assert(
        fc.property(damaged(profile), damaged(profilesFile), (one, file) => {
          expectParsedOrProblems(parseClusterProfile, one);
          expectParsedOrProblems(parseClusterProfilesFile, file);
        }),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );

  it(
    'accepts every generated valid profile and file, and reads them back the same through JSON',
    () =>
      fc.assert(
        fc.property(profile, profilesFile, (one, file) => {
          const parsed = parseClusterProfile(one);
          expect(parsed.ok ? [] : parsed.problems).toEqual([]);
          expect(parseClusterProfile(throughJson(parsed.ok ? parsed.value : null))).toEqual(parsed);
          const parsedFile = parseClusterProfilesFile(file);
          expect(parsedFile.ok ? [] : parsedFile.problems).toEqual([]);
          expect(parseClusterProfilesFile(throughJson(parsedFile.ok ? parsedFile.value : null))).toEqual(parsedFile);
        }),
        fuzzParams(),
      ),
    fuzzTimeoutMs(),
  );
});
