import { readFileSync } from 'node:fs';
import { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { ISocketFactory } from 'kafkajs';
import { Client, type ClientChannel } from 'ssh2';
import type { SshdBench } from './bench-info.js';

/** Opens an authenticated SSH connection to the bench's sshd with its passphrase-less key. */
export function connectSsh(sshd: SshdBench): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve(client));
    client.once('error', reject);
    client.connect({
      host: sshd.host,
      port: sshd.port,
      username: sshd.user,
      privateKey: readFileSync(sshd.privateKeyPath),
      readyTimeout: 10_000,
    });
  });
}

/**
 * A socket-shaped stream over an ssh2 `direct-tcpip` channel. kafkajs wants a socket back
 * synchronously, but the channel opens asynchronously: writes wait until it is there, and
 * kafkajs's `onConnect` fires only then.
 */
class TunnelSocket extends Duplex {
  private channel: ClientChannel | undefined;
  private pending: Array<{ chunk: Buffer; callback: (error?: Error | null) => void }> = [];

  attach(channel: ClientChannel): void {
    this.channel = channel;
    channel.on('data', (chunk: Buffer) => {
      if (!this.push(chunk)) channel.pause();
    });
    channel.on('end', () => this.push(null));
    channel.on('close', () => this.destroy());
    channel.on('error', (error: Error) => this.destroy(error));
    for (const { chunk, callback } of this.pending.splice(0)) channel.write(chunk, callback);
  }

  override _read(): void {
    this.channel?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.channel) this.channel.write(chunk, callback);
    else this.pending.push({ chunk, callback });
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.channel?.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.channel?.destroy();
    callback(error);
  }

  // kafkajs tunes real sockets with these; a tunnel has nothing to tune.
  setKeepAlive(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setTimeout(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
}

/**
 * A kafkajs `socketFactory` that reaches every broker through the SSH connection: each Kafka
 * connection becomes a `forwardOut` channel to the broker's advertised host and port.
 */
export function sshSocketFactory(ssh: Client): ISocketFactory {
  return ({ host, port, onConnect }) => {
    const socket = new TunnelSocket();
    ssh.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
      if (error) {
        socket.destroy(error);
        return;
      }
      socket.attach(channel);
      onConnect();
    });
    return socket as unknown as Socket;
  };
}
