import type Protobuf from 'protobufjs';
import { loadOnce } from '../load-once.js';

export type ProtobufModule = typeof Protobuf;

/**
 * protobufjs with its descriptor extension, loaded on the first Protobuf schema read: a job without
 * Protobuf never loads it. The extension registers itself as protobuf.descriptor (and adds
 * fromDescriptor to reflection types); it is read from there, as Node's ESM loader sees no named
 * exports in that CommonJS file.
 */
export const loadProtobuf = loadOnce<ProtobufModule>(async () => {
  const { default: protobuf } = await import('protobufjs');
  await import('protobufjs/ext/descriptor.js');
  return protobuf;
});
