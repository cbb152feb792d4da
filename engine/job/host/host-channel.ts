// How a host process (a job's, or the lag monitors') talks to the app: Electron's parentPort when
// started as a utility process, Node's IPC channel when forked. Anything else has no app to talk to.

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface ParentChannel<To, From> {
  send(message: From): void;
  onMessage(listener: (message: To) => void): void;
}

/** The channel to the app; exits with code 2 (naming `what`) when the process was not started by it. */
export function parentChannel<To, From>(what: string): ParentChannel<To, From> {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as To)),
    };
  }
  if (process.send) {
    return {
      send: (message) => void process.send?.(message),
      onMessage: (listener) => process.on('message', (message) => listener(message as To)),
    };
  }
  console.error(`sluice ${what}: start it from the Sluice app; it has no channel to the app here`);
  process.exit(2);
}
