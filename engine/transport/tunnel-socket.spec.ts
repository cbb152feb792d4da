import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientChannel } from 'ssh2';
import type { ChannelOpener, Destroyable } from './ssh-tunnel.js';
import { tunnelSocketFactory } from './tunnel-socket.js';

// A stand-in for the SSH tunnel: channels are loopback sockets to an echo server, handed over
// only when the test releases them, so the socket's behaviour before the channel opens shows.
class FakeTunnel implements ChannelOpener {
  readonly users = new Set<Destroyable>();
  readonly opened: Socket[] = [];
  readonly #waiting: Array<() => void> = [];
  failWith: Error | undefined;

  constructor(private readonly port: number) {}

  openChannel(): Promise<ClientChannel> {
    return new Promise((resolve, reject) =>
      this.#waiting.push(() => {
        if (this.failWith) return reject(this.failWith);
        const socket = connect({ host: '127.0.0.1', port: this.port });
        this.opened.push(socket);
        socket.once('connect', () => resolve(Object.assign(socket, { close: () => socket.destroy() }) as never));
      }),
    );
  }

  track(user: Destroyable): () => void {
    this.users.add(user);
    return () => this.users.delete(user);
  }

  release(): void {
    for (const open of this.#waiting.splice(0)) open();
  }
}

let server: Server;
let port: number;
beforeEach(async () => {
  server = createServer((socket) => socket.pipe(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

const event = (emitter: NodeJS.EventEmitter, name: string) =>
  new Promise<unknown[]>((resolve) => emitter.once(name, (...args: unknown[]) => resolve(args)));

describe('tunnelSocketFactory', () => {
  it('returns a socket at once, holds writes until the channel opens, then connects and carries data', async () => {
    const tunnel = new FakeTunnel(port);
    let connected = false;
    const socket = tunnelSocketFactory(tunnel)({
      host: 'broker-1',
      port: 9092,
      ssl: undefined as never,
      onConnect: () => (connected = true),
    });
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    socket.write('hello ');
    expect(connected).toBe(false);
    expect(socket.setKeepAlive(true, 60_000)).toBe(socket);
    tunnel.release();
    await event(socket, 'connect');
    expect(connected).toBe(true);
    socket.write('world');
    await new Promise<void>((resolve) => {
      const check = () => (Buffer.concat(received).toString() === 'hello world' ? resolve() : setTimeout(check, 5));
      check();
    });
    socket.end();
    socket.unref();
    await event(socket, 'close');
    expect(tunnel.users.size).toBe(0);
  });

  it('closes a channel that opens after the client gave up on the socket', async () => {
    const tunnel = new FakeTunnel(port);
    const socket = tunnelSocketFactory(tunnel)({
      host: 'b',
      port: 1,
      ssl: undefined as never,
      onConnect: () => undefined,
    });
    socket.destroy();
    tunnel.release();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tunnel.opened.every((channel) => channel.destroyed)).toBe(true);
  });

  it('fails the socket with the error of a channel that cannot open', async () => {
    const tunnel = new FakeTunnel(port);
    tunnel.failWith = new Error('jump host cannot reach b:1');
    const socket = tunnelSocketFactory(tunnel)({
      host: 'b',
      port: 1,
      ssl: undefined as never,
      onConnect: () => undefined,
    });
    const failed = event(socket, 'error');
    tunnel.release();
    expect(((await failed)[0] as Error).message).toBe('jump host cannot reach b:1');
  });

  it('is destroyed with the error the tunnel gives when it drops', async () => {
    const tunnel = new FakeTunnel(port);
    const socket = tunnelSocketFactory(tunnel)({
      host: 'b',
      port: 1,
      ssl: undefined as never,
      onConnect: () => undefined,
    });
    tunnel.release();
    await event(socket, 'connect');
    const failed = event(socket, 'error');
    const closed = event(socket, 'close');
    for (const user of tunnel.users) user.destroy(new Error('SSH connection lost'));
    expect(((await failed)[0] as Error).message).toBe('SSH connection lost');
    await closed;
    expect(tunnel.opened[0]?.destroyed).toBe(true);
  });
});
