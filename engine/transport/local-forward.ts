import { createServer, type Server, type Socket } from 'node:net';
import type { ChannelOpener } from './ssh-tunnel.js';

export interface LocalForward {
  /** Always 127.0.0.1: the forward is for this process's clients only. */
  host: string;
  port: number;
  close(): Promise<void>;
}

/**
 * A loopback listener on an ephemeral port whose connections are carried through the tunnel to
 * host:port (resolved on the jump host), for clients that open their own sockets, such as the
 * ZooKeeper client. Connections are destroyed with the tunnel's error when it drops.
 */
export function openLocalForward(tunnel: ChannelOpener, host: string, port: number): Promise<LocalForward> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.pause();
    const untrack = tunnel.track(socket);
    socket.once('close', () => {
      untrack();
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    tunnel.openChannel(host, port).then(
      (channel) => {
        if (socket.destroyed) {
          channel.close();
          return;
        }
        channel.on('error', (error: Error) => socket.destroy(error));
        channel.on('close', () => socket.destroy());
        socket.on('close', () => channel.close());
        socket.pipe(channel).pipe(socket);
        socket.resume();
      },
      (error: Error) => socket.destroy(error),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = server.address();
      const local = typeof address === 'object' && address ? address.port : 0;
      resolve({
        host: '127.0.0.1',
        port: local,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
