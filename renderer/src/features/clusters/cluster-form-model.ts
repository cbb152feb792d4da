import type { ClusterProfile } from '../../../../main/ipc/contract';

/** The form's flat fields; converted to a profile for the one cluster-profile schema to judge. */
export interface ClusterFormModel {
  name: string;
  description: string;
  bootstrapServers: string;
  clientId: string;
  saslMechanism: '' | 'plain' | 'scram-sha-256' | 'scram-sha-512';
  saslUsername: string;
  /** A new password typed in; stored encrypted and referenced as `store:<cluster>/sasl`. */
  saslPassword: string;
  /** The reference already saved, when editing. */
  saslPasswordRef: string;
}

export function emptyClusterForm(): ClusterFormModel {
  return {
    name: '',
    description: '',
    bootstrapServers: '',
    clientId: '',
    saslMechanism: '',
    saslUsername: '',
    saslPassword: '',
    saslPasswordRef: '',
  };
}

export function formFromProfile(profile: ClusterProfile): ClusterFormModel {
  return {
    ...emptyClusterForm(),
    name: profile.name,
    description: profile.description ?? '',
    bootstrapServers: profile.bootstrapServers.join(', '),
    clientId: profile.clientId ?? '',
    saslMechanism: profile.sasl?.mechanism ?? '',
    saslUsername: profile.sasl?.username ?? '',
    saslPasswordRef: profile.sasl?.password.secret ?? '',
  };
}

export const saslSecretId = (cluster: string): string => `${cluster}/sasl`;

/** The profile as the schema sees it. Other parts of an edited profile (TLS, SSH) are kept as they were. */
export function profileFromForm(form: ClusterFormModel, base: Partial<ClusterProfile> = {}): Record<string, unknown> {
  const profile: Record<string, unknown> = {
    ...base,
    name: form.name.trim(),
    bootstrapServers: form.bootstrapServers
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
  delete profile['description'];
  delete profile['clientId'];
  delete profile['sasl'];
  if (form.description.trim()) profile['description'] = form.description.trim();
  if (form.clientId.trim()) profile['clientId'] = form.clientId.trim();
  if (form.saslMechanism) {
    const ref = form.saslPassword ? `store:${saslSecretId(form.name.trim())}` : form.saslPasswordRef;
    profile['sasl'] = {
      mechanism: form.saslMechanism,
      username: form.saslUsername,
      ...(ref ? { password: { secret: ref } } : {}),
    };
  }
  return profile;
}
