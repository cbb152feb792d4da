import { createHmac, timingSafeEqual } from 'node:crypto';

// OpenSSH's known_hosts format (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"):
//   [@marker] hostpatterns keytype base64-key [comment]
// hostpatterns is a comma-separated list of names, `[name]:port` for ports other than 22,
// wildcards (`*`, `?`), negations (`!pattern`), or one hashed name `|1|base64-salt|base64-hmac`.

export interface KnownHostsEntry {
  /** 1-based line number, for messages that send the operator to the line. */
  line: number;
  marker: 'cert-authority' | 'revoked' | undefined;
  /** The host field as written (hashed or patterns). */
  hosts: string;
  keyType: string;
  /** The decoded public key blob, as the server sends it. */
  key: Buffer;
}

export interface KnownHostsProblem {
  line: number;
  message: string;
}

export interface KnownHosts {
  entries: KnownHostsEntry[];
  /** Lines that could not be read; they are skipped, as ssh does. */
  problems: KnownHostsProblem[];
}

export function parseKnownHosts(text: string): KnownHosts {
  const entries: KnownHostsEntry[] = [];
  const problems: KnownHostsProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostsEntry['marker'];
    if (fields[0]?.startsWith('@')) {
      const name = fields.shift();
      if (name === '@cert-authority') marker = 'cert-authority';
      else if (name === '@revoked') marker = 'revoked';
      else {
        problems.push({ line, message: `unknown marker ${name}` });
        return;
      }
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64) {
      problems.push({ line, message: 'expected "hosts keytype key"' });
      return;
    }
    const key = Buffer.from(base64, 'base64');
    if (key.length === 0 || keyTypeOf(key) !== keyType) {
      problems.push({ line, message: `the key is not a valid ${keyType} key` });
      return;
    }
    entries.push({ line, marker, hosts, keyType, key });
  });
  return { entries, problems };
}

/** The name known_hosts stores for a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** Whether an entry's host field names this host and port (as OpenSSH's match_hostname does). */
export function entryMatchesHost(entry: Pick<KnownHostsEntry, 'hosts'>, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (entry.hosts.startsWith('|1|')) return hashedMatches(entry.hosts, name);
  let matched = false;
  for (const pattern of entry.hosts.split(',')) {
    if (pattern === '') continue;
    const negated = pattern.startsWith('!');
    if (wildcardMatches(negated ? pattern.slice(1) : pattern, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** Entries for this host and port, in file order; markers included (callers decide). */
export function knownKeysFor(knownHosts: KnownHosts, host: string, port: number): KnownHostsEntry[] {
  return knownHosts.entries.filter((entry) => entryMatchesHost(entry, host, port));
}

/** A known_hosts line that trusts `key` for host:port, as ssh would append it. */
export function knownHostsLine(host: string, port: number, key: Buffer): string {
  return `${knownHostsName(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}`;
}

/** The key type a public key blob starts with (an SSH string: uint32 length, then the name). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  if (length > 64 || 4 + length > blob.length) return '';
  return blob.subarray(4, 4 + length).toString('latin1');
}

function hashedMatches(field: string, name: string): boolean {
  const [, , salt, hash] = field.split('|');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function wildcardMatches(pattern: string, name: string): boolean {
  const source = pattern
    .toLowerCase()
    .split('')
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`).test(name);
}
