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
