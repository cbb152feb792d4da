import { describe, expect, it } from 'vitest';
import { ConfigError, ConnectionError } from '../errors/index.js';
import { SchemaIdRewriter } from './id-rewrite.js';
import { MemoryRegistry } from './memory-registry.js';
import { buildFramed, parseFramed } from './wire-format.js';

// The id rewrite between two in-memory registries (unit doubles; the integration test copies
// between two Apicurio registries and decodes the copy with Python's confluent-kafka).

const ADDRESS = '{"type":"record","name":"Address","fields":[{"name":"city","type":"string"}]}';
const ORDER = '{"type":"record","name":"Order","fields":[{"name":"ship_to","type":"Address"}]}';

async function sourceRegistry(): Promise<{ from: MemoryRegistry; orderId: number }> {
  const from = new MemoryRegistry(1);
  // Versions 1 and 2 of the referenced subject: the reference names version 2.
  await from.register('address', { schemaType: 'AVRO', schema: '{"type":"string"}', references: [] });
  await from.register('address', { schemaType: 'AVRO', schema: ADDRESS, references: [] });
  const orderId = await from.register('orders-value', {
    schemaType: 'AVRO',
    schema: ORDER,
    references: [{ name: 'Address', subject: 'address', version: 2 }],
  });
  return { from, orderId };
}

describe('SchemaIdRewriter', () => {
  it('registers the schema and its reference in the target and replaces only the 4 id bytes', async () => {
    const { from, orderId } = await sourceRegistry();
    const to = new MemoryRegistry(100);
    const rewriter = new SchemaIdRewriter({ from, to, topic: 'copy' });
    const framed = buildFramed(orderId, Buffer.from([1, 2, 3]), [0, 1]);
    await rewriter.prepare(framed, 'value');
    const out = rewriter.rewrite(framed)!;
    const parsed = parseFramed(out, { messageIndexes: true });
    expect(parsed.schemaId).toBe(101);
    expect(parsed.messageIndexes).toEqual([0, 1]);
    expect([...parsed.payload]).toEqual([1, 2, 3]);
    expect(out.subarray(5)).toEqual(framed.subarray(5));
    expect(to.registrations).toEqual(['address', 'copy-value']);
    // The target's reference names the target's version of the referenced subject (1, not 2).
    expect(await to.schemaById(101)).toMatchObject({
      subject: 'copy-value',
      schema: ORDER,
      references: [{ name: 'Address', subject: 'address', version: 1 }],
    });
    expect(rewriter.mapping()).toEqual({ [String(orderId)]: 101 });
  });

  it('asks the target once per source id, however many records wait on it at once', async () => {
    const { from, orderId } = await sourceRegistry();
    const to = new MemoryRegistry(100);
    const rewriter = new SchemaIdRewriter({ from, to, topic: 'copy' });
    const framed = buildFramed(orderId, Buffer.from([7]));
    await Promise.all([rewriter.prepare(framed, 'value'), rewriter.prepare(framed, 'value')]);
    expect(rewriter.prepare(framed, 'value')).toBeUndefined();
    expect(to.registrations).toEqual(['address', 'copy-value']);
  });

  it('keys register under <topic>-key; null and empty payloads pass untouched', async () => {
    const { from, orderId } = await sourceRegistry();
    const to = new MemoryRegistry(100);
    const rewriter = new SchemaIdRewriter({ from, to, topic: 'copy' });
    expect(rewriter.prepare(null, 'key')).toBeUndefined();
    expect(rewriter.rewrite(null)).toBeNull();
    expect(rewriter.rewrite(Buffer.alloc(0))).toEqual(Buffer.alloc(0));
    await rewriter.prepare(buildFramed(orderId, Buffer.from([7])), 'key');
    expect(to.registrations).toEqual(['address', 'copy-key']);
  });

  it('a known mapping (a restored checkpoint) is used without registering', async () => {
    const { from, orderId } = await sourceRegistry();
    const to = new MemoryRegistry(100);
    const rewriter = new SchemaIdRewriter({ from, to, topic: 'copy', known: { [String(orderId)]: 55 } });
    const framed = buildFramed(orderId, Buffer.from([7]));
    expect(rewriter.prepare(framed, 'value')).toBeUndefined();
    expect(rewriter.rewrite(framed)!.readUInt32BE(1)).toBe(55);
    expect(to.registrations).toEqual([]);
  });

  it('a 409 from the target is a configuration error naming the subject and the registry message', async () => {
    const { from, orderId } = await sourceRegistry();
    const to = new MemoryRegistry(100);
    to.refuse = 'copy-value';
    const rewriter = new SchemaIdRewriter({ from, to, topic: 'copy' });
    const failure = rewriter.prepare(buildFramed(orderId, Buffer.from([7])), 'value');
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toMatchObject({
      hintId: 'invalid-config',
      message: expect.stringMatching(/subject "copy-value".*incompatible/),
    });
  });

  it('an unreachable target fails the run for a retry; the next record asks again', async () => {
    const { from, orderId } = await sourceRegistry();
    const to = new MemoryRegistry(100);
    const register = to.register.bind(to);
    let down = true;
    to.register = (subject, schema) => (down ? Promise.reject(new Error('ECONNREFUSED')) : register(subject, schema));
    const rewriter = new SchemaIdRewriter({ from, to, topic: 'copy' });
    const framed = buildFramed(orderId, Buffer.from([7]));
    await expect(rewriter.prepare(framed, 'value')).rejects.toBeInstanceOf(ConnectionError);
    expect(() => rewriter.rewrite(framed)).toThrow(/was not copied/);
    down = false;
    await rewriter.prepare(framed, 'value');
    expect(rewriter.rewrite(framed)!.readUInt32BE(1)).toBe(101);
  });
});
