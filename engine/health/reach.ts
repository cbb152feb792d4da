import { connect as netConnect, type Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import type { ClusterConnection } from '../job/kafka-clients.js';

/**
 * A plain TCP connect to an advertised broker address, the way kafkajs would open it: through the
 * connection's socket factory (the SSH tunnel) when it has one, else directly. TLS is left out on
 * purpose: this asks only whether the address can be reached from here.
 */
export function reachAddress(
  connection: ClusterConnection,
  host: string,
  port: number,
  timeoutMs: number,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let socket: Socket | undefined;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(
      () => finish(Object.assign(new Error(`connect timed out after ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    try {
      socket = connection.socketFactory
        ? connection.socketFactory({
            host,
            port,
            ssl: false as unknown as ConnectionOptions,
            onConnect: () => finish(),
          })
        : netConnect({ host, port }, () => finish());
      socket.once('error', (error: Error) => finish(error));
    } catch (error) {
      finish(error as Error);
    }
  });
}
