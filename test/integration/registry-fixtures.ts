// Schemas the registry tests register: an Avro record that refers to another by its full name.

export const avroAddress = {
  type: 'record',
  name: 'Address',
  namespace: 'com.acme',
  fields: [{ name: 'city', type: 'string' }],
};

export const avroOrder = {
  type: 'record',
  name: 'Order',
  namespace: 'com.acme',
  fields: [
    { name: 'id', type: 'long' },
    { name: 'shipTo', type: 'com.acme.Address' },
  ],
};

/** The reference from `orders-value` to the Address schema under its own subject. */
export const addressReference = { name: 'com.acme.Address', subject: 'com.acme.Address', version: 1 };

/**
 * Registers a record `name` with one int field `other` under `subject` and makes the subject
 * BACKWARD compatible, so registering an unrelated Order there is refused with 409.
 */
export async function subjectRefusingOthers(registryUrl: string, subject: string, name: string): Promise<void> {
  const answer = await fetch(`${registryUrl}/subjects/${encodeURIComponent(subject)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({
      schemaType: 'AVRO',
      schema: JSON.stringify({ type: 'record', name, fields: [{ name: 'other', type: 'int' }] }),
    }),
  });
  const config = await fetch(`${registryUrl}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'BACKWARD' }),
  });
  if (!answer.ok || !config.ok) {
    throw new Error(`setting up subject ${subject}: HTTP ${answer.status} / ${config.status}: ${await config.text()}`);
  }
}
