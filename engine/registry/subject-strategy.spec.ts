import { describe, expect, it } from 'vitest';
import { recordNameOf, subjectFor } from './subject-strategy.js';

const PROTO = `syntax = "proto3";
package shop;
message Order { message Note { string text = 1; } message Line { string sku = 1; } }
message Refund { string order_id = 1; }`;

describe('subject strategies', () => {
  const name = () => 'shop.Order';
  it('name the subject after the topic, the record, or both', () => {
    expect(subjectFor('topic-name', 'orders', 'value', name)).toBe('orders-value');
    expect(subjectFor('topic-name', 'orders', 'key', name)).toBe('orders-key');
    expect(subjectFor('record-name', 'orders', 'value', name)).toBe('shop.Order');
    expect(subjectFor('topic-record-name', 'orders', 'key', name)).toBe('orders-shop.Order');
  });

  it('ask for the record name only when the strategy uses it', () => {
    const never = () => {
      throw new Error('asked');
    };
    expect(subjectFor('topic-name', 'orders', 'value', never)).toBe('orders-value');
  });
});

describe('record names', () => {
  it('are the Avro full name (namespace.name, or a name with dots as it is)', async () => {
    await expect(recordNameOf('avro', '{"type":"record","name":"Order","namespace":"shop","fields":[]}')).resolves.toBe(
      'shop.Order',
    );
    await expect(
      recordNameOf('avro', '{"type":"record","name":"a.b.Order","namespace":"x","fields":[]}'),
    ).resolves.toBe('a.b.Order');
    await expect(recordNameOf('avro', '{"type":"record","name":"Order","fields":[]}')).resolves.toBe('Order');
    await expect(recordNameOf('avro', '"string"')).resolves.toBeUndefined();
  });

  it('are the Protobuf message full name: the first message, or the one named, nested ones too', async () => {
    await expect(recordNameOf('protobuf', PROTO)).resolves.toBe('shop.Order');
    await expect(recordNameOf('protobuf', PROTO, 'shop.Order.Line')).resolves.toBe('shop.Order.Line');
    await expect(recordNameOf('protobuf', PROTO, 'Refund')).resolves.toBe('shop.Refund');
    await expect(recordNameOf('protobuf', PROTO, 'shop.Nope')).rejects.toThrow(
      'message "shop.Nope" is not in the Protobuf file, which has shop.Order, shop.Order.Note, shop.Order.Line, shop.Refund',
    );
  });

  it('are the JSON Schema title', async () => {
    await expect(recordNameOf('json-schema', '{"title":"Order","type":"object"}')).resolves.toBe('Order');
    await expect(recordNameOf('json-schema', '{"type":"object"}')).resolves.toBeUndefined();
  });
});
