import { describe, expect, it } from 'vitest';
import {
  addPartitionsRequest,
  alterRequest,
  createRequestFromForm,
  deleteRequest,
  emptyCreateForm,
} from './topic-form-model';

describe('createRequestFromForm', () => {
  it('builds the request, leaving blank numbers and blank config rows out', () => {
    const form = {
      ...emptyCreateForm({ topic: ' orders-out ', partitions: 6 }),
      configs: [
        { name: 'retention.ms', value: ' 86400000 ' },
        { name: '', value: '' },
      ],
    };
    expect(createRequestFromForm(form)).toEqual({
      ok: true,
      request: { topic: 'orders-out', partitions: 6, configs: { 'retention.ms': '86400000' } },
    });
  });

  it('copies a like topic when one is chosen', () => {
    const built = createRequestFromForm({ ...emptyCreateForm({ topic: 'b' }), like: 'a' });
    expect(built).toEqual({ ok: true, request: { topic: 'b', configs: {}, like: 'a' } });
  });

  it('keys problems by the schema paths the broker refusals also use', () => {
    const built = createRequestFromForm({
      topic: 'bad name!',
      partitions: '2.5',
      replicationFactor: '0',
      like: '',
      configs: [
        { name: 'retention.ms', value: '1' },
        { name: 'retention.ms', value: '2' },
      ],
    });
    expect(built).toEqual({
      ok: false,
      errors: { partitions: '"2.5" is not a whole number', 'configs.retention.ms': 'retention.ms is listed twice' },
    });
    const schema = createRequestFromForm({ ...emptyCreateForm({ topic: 'bad name!' }), replicationFactor: '0' });
    expect(schema).toEqual({
      ok: false,
      errors: { topic: 'only letters, digits, ".", "_" and "-"', replicationFactor: 'expected 1 or more' },
    });
  });

  it('names a config value without a name, and a topic created like itself', () => {
    expect(createRequestFromForm({ ...emptyCreateForm({ topic: 't' }), configs: [{ name: '', value: '5' }] })).toEqual({
      ok: false,
      errors: { configs: 'a value "5" has no config name' },
    });
    expect(createRequestFromForm({ ...emptyCreateForm({ topic: 't' }), like: 't' })).toEqual({
      ok: false,
      errors: { like: 'a topic cannot be created like itself' },
    });
  });
});

describe('the other topic requests', () => {
  it('sets one override, or resets it', () => {
    expect(alterRequest('t', 'retention.ms', ' 1000 ')).toEqual({
      ok: true,
      request: { topic: 't', configs: { 'retention.ms': '1000' } },
    });
    expect(alterRequest('t', 'retention.ms', null)).toEqual({
      ok: true,
      request: { topic: 't', reset: ['retention.ms'] },
    });
    expect(alterRequest('t', 'retention.ms', '')).toEqual({
      ok: false,
      errors: { 'configs.retention.ms': 'give a value, or leave the config out to keep the default' },
    });
  });

  it('only adds partitions', () => {
    expect(addPartitionsRequest('t', '8', 4)).toEqual({ ok: true, request: { topic: 't', partitions: 8 } });
    expect(addPartitionsRequest('t', '3', 4)).toEqual({
      ok: false,
      errors: { partitions: 'the topic has 4; Kafka can only add partitions: give more than 4' },
    });
    expect(addPartitionsRequest('t', 'many', 4)).toEqual({
      ok: false,
      errors: { partitions: '"many" is not a whole number' },
    });
  });

  it('deletes only with the name typed exactly', () => {
    expect(deleteRequest('orders', 'orders')).toEqual({ ok: true, request: { topic: 'orders', confirm: 'orders' } });
    expect(deleteRequest('orders', 'Orders')).toEqual({
      ok: false,
      errors: { confirm: 'type the topic name exactly to confirm' },
    });
  });
});
