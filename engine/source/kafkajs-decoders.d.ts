// kafkajs's record set and record batch decoders. Not part of its public typings; imported (not
// loaded with createRequire) so a bundle that holds kafkajs uses its own copy, whose compression
// codecs are the ones engine/codecs registers.
declare module 'kafkajs/src/protocol/requests/fetch/v4/decodeMessages.js' {
  import type { KafkaMessage } from 'kafkajs';
  const decodeMessages: { decodeRecordSet(buffer: Buffer): Promise<KafkaMessage[]> };
  export default decodeMessages;
}

declare module 'kafkajs/src/protocol/decoder.js' {
  const Decoder: new (buffer: Buffer) => unknown;
  export default Decoder;
}

declare module 'kafkajs/src/protocol/recordBatch/v0/decoder.js' {
  import type { KafkaMessage } from 'kafkajs';
  const decodeBatch: (decoder: unknown) => Promise<{ records: (KafkaMessage & { isControlRecord?: boolean })[] }>;
  export default decodeBatch;
}
