import { describe, expect, it } from 'vitest';
import { parseClusterProfile } from '../../../../engine/spec/cluster-profile';
import { emptyClusterForm, formFromProfile, profileFromForm } from './cluster-form-model';

describe('cluster form model', () => {
  it('builds a profile the schema accepts, with a typed password as a store: reference', () => {
    const profile = profileFromForm({
      ...emptyClusterForm(),
      name: 'prod',
      bootstrapServers: 'a:9092, b:9092',
      saslMechanism: 'scram-sha-512',
      saslUsername: 'ops',
      saslPassword: 'hunter2',
    });
    expect(profile).toEqual({
      name: 'prod',
      bootstrapServers: ['a:9092', 'b:9092'],
      sasl: { mechanism: 'scram-sha-512', username: 'ops', password: { secret: 'store:prod/sasl' } },
    });
    expect(JSON.stringify(profile)).not.toContain('hunter2');
    const parsed = parseClusterProfile(profile);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(formFromProfile(parsed.value).saslPasswordRef).toBe('store:prod/sasl');
  });

  it('lets the schema name the field of a mistake', () => {
    const parsed = parseClusterProfile(
      profileFromForm({ ...emptyClusterForm(), name: 'x', bootstrapServers: 'nohost' }),
    );
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(['bootstrapServers[0]']);
  });
});
