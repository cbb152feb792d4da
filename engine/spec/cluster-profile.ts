import { z } from 'zod';
import { parseWith, type Parsed } from './validation.js';

// A cluster profile: how to reach one Kafka cluster. One schema shared by the CLI's profiles
// file, the IPC layer and the UI form. Secrets are references resolved at connect time, so a
// profile can be written to disk, shown and exported without leaking a password.

export const CLUSTER_PROFILES_VERSION = 1;

const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, { error: 'expected host:port' });
const path = z.string().min(1, { error: 'expected a file path' });
const positiveMs = z.number().int().positive({ error: 'expected a positive number of milliseconds' });

/**
 * `{ "secret": "<kind>:<reference>" }`. Built-in kinds: `env:NAME` (an environment variable) and
 * `file:/path` (a file of mode 0600 or stricter); hosts register more (the desktop app's `store:`).
 */
export const secretRefSchema = z
  .object(
    {
      secret: z.string().regex(/^[a-z][a-z0-9-]*:.+$/, {
        error: 'expected "<kind>:<reference>", e.g. "env:KAFKA_PASSWORD" or "file:/path/to/secret"',
      }),
    },
    {
      error: (issue) =>
        issue.code === 'invalid_type'
          ? 'expected a secret reference such as { "secret": "env:KAFKA_PASSWORD" }, never the secret itself'
          : undefined,
    },
  )
  .strict();
export type SecretRef = z.infer<typeof secretRefSchema>;

/** SHA256 fingerprints as `ssh-keygen -lf` prints them: `SHA256:` and 43 unpadded base64 characters. */
export const sha256FingerprintSchema = z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/, {
  error: 'expected a fingerprint as ssh-keygen -lf prints it: "SHA256:" and 43 base64 characters',
});

export const tlsSchema = z
  .object({
    /** PEM file of the CA(s) that signed the brokers' certificates; Node's default CAs when absent. */
    ca: path.optional(),
    /** Client certificate and key (PEM) for brokers that require TLS client authentication. */
    cert: path.optional(),
    key: path.optional(),
    keyPassphrase: secretRefSchema.optional(),
  })
  .strict()
  .superRefine((tls, ctx) => {
    if ((tls.cert === undefined) !== (tls.key === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [tls.cert === undefined ? 'cert' : 'key'],
        message: 'a client certificate needs both "cert" and "key"',
      });
    }
    if (tls.keyPassphrase !== undefined && tls.key === undefined) {
      ctx.addIssue({ code: 'custom', path: ['keyPassphrase'], message: 'only used with "key"' });
    }
  });
export type TlsSettings = z.infer<typeof tlsSchema>;

// Kerberos (GSSAPI) is not offered: kafkajs has no implementation of it.
export const saslSchema = z
  .object({
    mechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
    username: z.string().min(1, { error: 'expected a user name' }),
    password: secretRefSchema,
  })
  .strict();
export type SaslSettings = z.infer<typeof saslSchema>;

export const sshAuthSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('private-key'),
      /** An OpenSSH or PEM private key file. */
      path,
      passphrase: secretRefSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('password'), password: secretRefSchema }).strict(),
  z
    .object({
      type: z.literal('agent'),
      /** The agent's socket; $SSH_AUTH_SOCK when absent. */
      socket: path.optional(),
    })
    .strict(),
]);
export type SshAuth = z.infer<typeof sshAuthSchema>;

export const sshHostKeySchema = z
  .object({
    /** An OpenSSH known_hosts file (plain or hashed entries, `[host]:port` for other ports). */
    knownHostsFile: path.optional(),
    /** The one host key to accept, checked before the known_hosts file. */
    fingerprint: sha256FingerprintSchema.optional(),
  })
  .strict();
export type SshHostKey = z.infer<typeof sshHostKeySchema>;

export const sshSchema = z
  .object({
    host: z.string().min(1, { error: 'expected the jump host name or address' }),
    port: z.number().int().min(1).max(65_535).default(22),
    user: z.string().min(1, { error: 'expected a user name' }),
    auth: sshAuthSchema,
    /** Where the host key is checked; `~/.ssh/known_hosts` when absent. An unknown key is never accepted silently. */
    hostKey: sshHostKeySchema.optional(),
    keepaliveIntervalMs: positiveMs.default(15_000),
    /** Unanswered keepalives before the connection counts as lost. */
    keepaliveCountMax: z.number().int().min(1).default(3),
    /** TCP connect, key exchange and authentication together. */
    connectTimeoutMs: positiveMs.default(10_000),
    reconnect: z
      .object({ initialDelayMs: positiveMs.default(500), maxDelayMs: positiveMs.default(30_000) })
      .strict()
      .default({ initialDelayMs: 500, maxDelayMs: 30_000 }),
  })
  .strict();
export type SshSettings = z.infer<typeof sshSchema>;

export const zookeeperSchema = z
  .object({
    /** `host:port[,host:port...][/chroot]` as the brokers' `zookeeper.connect` has it. */
    connect: z.string().regex(/^[^\s:,/]+:\d{1,5}(,[^\s:,/]+:\d{1,5})*(\/[^\s]*)?$/, {
      error: 'expected host:port[,host:port...][/chroot]',
    }),
    sessionTimeoutMs: positiveMs.default(15_000),
  })
  .strict();
export type ZookeeperSettings = z.infer<typeof zookeeperSchema>;

/** How to reach a Schema Registry (Confluent-compatible API); its secrets are references like SASL's. */
export const schemaRegistrySchema = z
  .object({
    /** The API's base URL, e.g. https://registry:8081 or http://host:8080/apis/ccompat/v7. */
    url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
    /** Exactly one of `basic` or `bearer` (an object of both, rather than a union, so errors name the field). */
    auth: z
      .object({
        basic: z
          .object({ username: z.string().min(1, { error: 'expected a user name' }), password: secretRefSchema })
          .strict()
          .optional(),
        bearer: z.object({ token: secretRefSchema }).strict().optional(),
      })
      .strict()
      .superRefine((auth, ctx) => {
        if ((auth.basic === undefined) === (auth.bearer === undefined)) {
          ctx.addIssue({ code: 'custom', path: [], message: 'expected exactly one of "basic" or "bearer"' });
        }
      })
      .optional(),
    tls: z
      .object({
        /** PEM file of the CA(s) that signed the registry's certificate; Node's default CAs when absent. */
        ca: path.optional(),
        /** false accepts any certificate (a test registry); true when absent. */
        rejectUnauthorized: z.boolean().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type SchemaRegistrySettings = z.infer<typeof schemaRegistrySchema>;

export const clusterProfileSchema = z
  .object({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, { error: 'expected 1-100 letters, digits, ".", "_" or "-"' }),
    description: z.string().optional(),
    bootstrapServers: z.array(hostPort).min(1, { error: 'expected at least one host:port' }),
    clientId: z.string().min(1).optional(),
    connectionTimeoutMs: positiveMs.optional(),
    requestTimeoutMs: positiveMs.optional(),
    /** TLS to the brokers, with the server name checked against each broker's advertised host. */
    tls: tlsSchema.optional(),
    sasl: saslSchema.optional(),
    /** A jump host that carries every broker connection (bootstrap and advertised addresses alike). */
    ssh: sshSchema.optional(),
    /** For ZooKeeper-mode clusters: read brokers, controller and partition state from ZooKeeper. */
    zookeeper: zookeeperSchema.optional(),
    /** The cluster's Schema Registry, reached through the SSH tunnel when the profile has one. */
    schemaRegistry: schemaRegistrySchema.optional(),
  })
  .strict();
export type ClusterProfile = z.infer<typeof clusterProfileSchema>;
export type ClusterProfileInput = z.input<typeof clusterProfileSchema>;

/** The CLI's profiles file (`~/.sluice/clusters.json`). */
export const clusterProfilesFileSchema = z
  .object({
    version: z.literal(CLUSTER_PROFILES_VERSION, { error: `expected ${CLUSTER_PROFILES_VERSION}` }),
    clusters: z.array(clusterProfileSchema),
  })
  .strict()
  .superRefine(
    (file, ctx) => {
      // Runs even when other problems were found (`when` below), so the input may be malformed.
      if (!Array.isArray(file?.clusters)) return;
      const seen = new Map<string, number>();
      (file.clusters as unknown[]).forEach((profile, index) => {
        const name = (profile as { name?: unknown } | null)?.name;
        if (typeof name !== 'string') return;
        const first = seen.get(name);
        if (first === undefined) seen.set(name, index);
        else {
          ctx.addIssue({
            code: 'custom',
            path: ['clusters', index, 'name'],
            message: `"${name}" is already the name of clusters[${first}]`,
          });
        }
      });
    },
    { when: () => true },
  );
export type ClusterProfilesFile = z.infer<typeof clusterProfilesFileSchema>;

export function parseClusterProfile(input: unknown): Parsed<ClusterProfile> {
  return parseWith(clusterProfileSchema, input);
}

export function parseClusterProfilesFile(input: unknown): Parsed<ClusterProfilesFile> {
  return parseWith(clusterProfilesFileSchema, input);
}

/** For editors: the JSON Schema of the profiles file. */
export function clusterProfilesJsonSchema(): unknown {
  return z.toJSONSchema(clusterProfilesFileSchema, { io: 'input', unrepresentable: 'any' });
}
