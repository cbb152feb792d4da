import type { RegistryClient } from '../../../engine/registry/registry-client';
import type { RegistrySchemaInfo, RegistrySubjectsReply } from './registry-args';

export interface RegistryServiceDeps {
  /** The profile's registry client, reached as its brokers are (TLS, auth, the SSH tunnel). */
  registry: (cluster: string) => Promise<RegistryClient>;
}

/** The console's read-only view of a cluster's Schema Registry: subjects, versions, schemas. */
export class RegistryService {
  readonly #deps: RegistryServiceDeps;

  constructor(deps: RegistryServiceDeps) {
    this.#deps = deps;
  }

  async subjects(cluster: string): Promise<RegistrySubjectsReply> {
    const client = await this.#deps.registry(cluster);
    return { url: client.url, subjects: await client.subjects() };
  }

  async versions(cluster: string, subject: string): Promise<number[]> {
    return (await this.#deps.registry(cluster)).versions(subject);
  }

  async schema(cluster: string, subject: string, version: number | 'latest'): Promise<RegistrySchemaInfo> {
    const found = await (await this.#deps.registry(cluster)).schemaByVersion(subject, version);
    return {
      subject: found.subject,
      version: found.version,
      id: found.id,
      schemaType: found.schemaType,
      schema: found.schema,
      references: found.references,
    };
  }
}
