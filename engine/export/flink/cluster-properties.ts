import type { ClusterProfile, SecretRef } from '../../spec/cluster-profile.js';
import type { ClusterRef } from '../../spec/index.js';
import type { ExportProblem } from './export-problem.js';

/** Connector options for one cluster, and the placeholders its secrets were replaced with. */
export interface ClusterProperties {
  options: [string, string][];
  placeholders: string[];
  /** Things the operator must do on the Flink side, written as comments. */
  notes: string[];
  problems: ExportProblem[];
}

// flink-sql-connector-kafka relocates the Kafka client, so JAAS login modules carry its prefix.
const SHADED = 'org.apache.flink.kafka.shaded.org.apache.kafka.common.security';
const LOGIN_MODULES = {
  plain: `${SHADED}.plain.PlainLoginModule`,
  'scram-sha-256': `${SHADED}.scram.ScramLoginModule`,
  'scram-sha-512': `${SHADED}.scram.ScramLoginModule`,
} as const;

/**
 * `${NAME}` for a secret: an `env:` reference keeps its variable's name, anything else gets a
 * fixed name. The secret itself is never read, so it cannot end up in the script.
 */
export function placeholderFor(ref: SecretRef, fallback: string): string {
  const env = /^env:([A-Za-z_][A-Za-z0-9_]*)$/.exec(ref.secret);
  return `\${${env?.[1] ?? fallback}}`;
}

const jaasQuote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * `properties.*` options for a cluster. `prefix` names the placeholders of a second cluster
 * (the sink's, when it is not the source's) apart from the first's.
 */
export function clusterProperties(
  ref: ClusterRef,
  profile: ClusterProfile | undefined,
  path: string,
  prefix = '',
): ClusterProperties {
  const cluster = profile ?? (ref as Exclude<ClusterRef, { profile: string }>);
  const options: [string, string][] = [['properties.bootstrap.servers', cluster.bootstrapServers.join(',')]];
  const placeholders: string[] = [];
  const problems: ExportProblem[] = [];
  const notes: string[] = [];
  if (cluster.clientId) options.push(['properties.client.id', cluster.clientId]);
  if (cluster.requestTimeoutMs) options.push(['properties.request.timeout.ms', String(cluster.requestTimeoutMs)]);
  if (cluster.connectionTimeoutMs) {
    options.push(['properties.socket.connection.setup.timeout.ms', String(cluster.connectionTimeoutMs)]);
  }
  if (!profile) return { options, placeholders, notes, problems };

  const { tls, sasl } = profile;
  if (tls || sasl) {
    const protocol = sasl ? (tls ? 'SASL_SSL' : 'SASL_PLAINTEXT') : 'SSL';
    options.push(['properties.security.protocol', protocol]);
  }
  if (tls?.ca) {
    options.push(['properties.ssl.truststore.type', 'PEM'], ['properties.ssl.truststore.location', tls.ca]);
  }
  if (tls?.cert && tls.key) {
    // Kafka's PEM keystore is one file with the private key and its certificate chain.
    options.push(['properties.ssl.keystore.type', 'PEM'], ['properties.ssl.keystore.location', tls.key]);
    notes.push(
      `Kafka's PEM keystore is one file: append the certificate ${tls.cert} to the key file ${tls.key} on the Flink hosts`,
    );
    if (tls.keyPassphrase) {
      const placeholder = placeholderFor(tls.keyPassphrase, `${prefix}TLS_KEY_PASSPHRASE`);
      options.push(['properties.ssl.key.password', placeholder]);
      placeholders.push(placeholder);
    }
  }
  if (sasl) {
    const placeholder = placeholderFor(sasl.password, `${prefix}SASL_PASSWORD`);
    placeholders.push(placeholder);
    options.push(
      ['properties.sasl.mechanism', sasl.mechanism.toUpperCase()],
      [
        'properties.sasl.jaas.config',
        `${LOGIN_MODULES[sasl.mechanism]} required username=${jaasQuote(sasl.username)} password=${jaasQuote(placeholder)};`,
      ],
    );
  }
  if (profile.ssh) {
    problems.push({
      path: `${path}.ssh`,
      text: `ssh jump host ${profile.ssh.user}@${profile.ssh.host}:${profile.ssh.port}`,
      message: 'Flink has no SSH tunnel: the brokers must be reachable from the Flink cluster directly',
    });
  }
  return { options, placeholders, notes, problems };
}
