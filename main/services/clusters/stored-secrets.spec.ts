import { describe, expect, it } from 'vitest';
import { storedSecretIds as hostSecretIds } from '../../../engine/job/host/host-session';
import { parseClusterProfile } from '../../../engine/spec/cluster-profile';
import { storedSecretIds } from './stored-secrets';

describe('stored secret bookkeeping', () => {
  it('counts the Schema Registry password and token of a profile, besides SASL and SSH secrets', () => {
    const parsed = parseClusterProfile({
      name: 'p',
      bootstrapServers: ['k:9092'],
      sasl: { mechanism: 'plain', username: 'u', password: { secret: 'store:p/saslPassword-1' } },
      schemaRegistry: {
        url: 'https://registry:8081',
        auth: { basic: { username: 'ops', password: { secret: 'store:p/registryPassword-2' } } },
      },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    expect([...storedSecretIds(parsed.value)].sort()).toEqual(['p/registryPassword-2', 'p/saslPassword-1']);
    // The job host is handed the same secrets, so a job reaches the registry as the console does.
    expect(hostSecretIds(parsed.value).sort()).toEqual(['p/registryPassword-2', 'p/saslPassword-1']);
    const bearer = {
      ...parsed.value,
      schemaRegistry: { url: 'http://r:1', auth: { bearer: { token: { secret: 'store:t' } } } },
    };
    expect([...storedSecretIds(bearer)]).toEqual(['p/saslPassword-1', 't']);
  });
});
