import { describe, expect, it } from 'vitest';
import { TunnelAgent } from '../registry/registry-agent.js';
import { RegistryClient } from '../registry/registry-client.js';
import { parseJobSpec } from '../spec/index.js';
import type { ChannelOpener } from '../transport/ssh-tunnel.js';
import { registryCopyFor } from './registry-copy.js';

// When a copy rewrites schema ids: the sink's registry is another one than the source's. The same
// URL through two SSH tunnels names a host in each jump host's network: two registries.

const spec = (() => {
  const parsed = parseJobSpec({
    version: 1,
    name: 'copy',
    source: { cluster: { profile: 'a' }, topics: ['t'], groupId: 'g', valueFormat: 'avro' },
    sink: { type: 'kafka', cluster: { profile: 'b' }, topic: 'out' },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value;
})();

const tunnel = (): ChannelOpener => ({
  openChannel: () => Promise.reject(new Error('not used')),
  track: () => () => undefined,
});

const copyBetween = (from: RegistryClient, to: RegistryClient) =>
  registryCopyFor(spec, { schemas: () => from, sinkSchemas: () => to }, undefined);

describe('registryCopyFor', () => {
  const url = 'http://registry:8081';

  it('copies between two URLs, and not within one registry reached directly', () => {
    expect(copyBetween(new RegistryClient({ url }), new RegistryClient({ url: 'http://other:8081' }))).toBeDefined();
    expect(copyBetween(new RegistryClient({ url }), new RegistryClient({ url: `${url}/` }))).toBeUndefined();
  });

  it('copies between the same URL behind two jump hosts, not through one tunnel', () => {
    const [first, second] = [new TunnelAgent(tunnel()), new TunnelAgent(tunnel())];
    const viaFirst = new RegistryClient({ url, agent: first });
    expect(copyBetween(viaFirst, new RegistryClient({ url, agent: second }))).toBeDefined();
    expect(copyBetween(viaFirst, new RegistryClient({ url }))).toBeDefined();
    expect(copyBetween(viaFirst, new RegistryClient({ url, agent: first }))).toBeUndefined();
  });
});
