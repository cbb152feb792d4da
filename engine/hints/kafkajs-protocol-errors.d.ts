// kafkajs's table of protocol errors (type, code, message). Not part of its public typings; the
// file has been in kafkajs since 1.x and is read only to name the errors kafkajs logs as text.
declare module 'kafkajs/src/protocol/error.js' {
  const protocolErrors: {
    errorCodes: { type: string; code: number; retriable: boolean; message: string }[];
  };
  export default protocolErrors;
}
