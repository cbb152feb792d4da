import { isIP, type Socket } from 'node:net';
import { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { ISocketFactory } from 'kafkajs';
import type { ClientChannel } from 'ssh2';
import type { ChannelOpener } from './ssh-tunnel.js';

type Callback = (error?: Error | null) => void;

/**
 * A socket-shaped stream over an SSH `direct-tcpip` channel. kafkajs wants its socket back
 * synchronously, but a channel opens asynchronously: writes are held until it is there, and
 * 'connect' is emitted only then. It offers the net.Socket calls kafkajs and tls.connect make
 * (setKeepAlive, setNoDelay, setTimeout, ref, unref); keepalive lives on the SSH connection.
 */
export class TunnelSocket extends Duplex {
  readonly remoteAddress: string;
  readonly remotePort: number;
  connecting = true;
  #channel: ClientChannel | undefined;
  #pending: Array<{ chunk: Buffer; callback: Callback }> = [];
  #pendingFinal: Callback | undefined;
  #idleMs = 0;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(host: string, port: number) {
    super();
    this.remoteAddress = host;
    this.remotePort = port;
  }

  /** Hands over the opened channel; a socket already ended or destroyed closes it at once. */
  attach(channel: ClientChannel): void {
    if (this.destroyed) {
      channel.close();
      return;
    }
    this.#channel = channel;
    this.connecting = false;
    channel.on('data', (chunk: Buffer) => {
      this.#touch();
      if (!this.push(chunk)) channel.pause();
    });
    channel.on('end', () => this.push(null));
    channel.on('error', (error: Error) => this.destroy(error));
    channel.on('close', () => {
      // The broker or the jump host closed it: end the readable side first, so the client sees
      // 'end' (a closed connection) rather than nothing.
      if (!this.readableEnded) this.push(null);
      this.destroy();
    });
    for (const { chunk, callback } of this.#pending.splice(0)) channel.write(chunk, callback);
    if (this.#pendingFinal) {
      channel.end();
      this.#pendingFinal();
      this.#pendingFinal = undefined;
    }
    this.emit('connect');
    this.emit('ready');
  }

  override _read(): void {
    this.#channel?.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: Callback): void {
    this.#touch();
    if (this.#channel) this.#channel.write(chunk, callback);
    else this.#pending.push({ chunk, callback });
  }

  override _final(callback: Callback): void {
    if (this.#channel) {
      this.#channel.end();
      callback();
    } else this.#pendingFinal = callback;
  }

  override _destroy(error: Error | null, callback: Callback): void {
    clearTimeout(this.#idleTimer);
    this.#channel?.close();
    for (const { callback: written } of this.#pending.splice(0)) written(error ?? new Error('socket destroyed'));
    this.#pendingFinal = undefined;
    callback(error);
  }

  setKeepAlive(): this {
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  /** As net.Socket: emits 'timeout' after `ms` without traffic; 0 turns it off. */
  setTimeout(ms: number, listener?: () => void): this {
    this.#idleMs = ms;
    if (listener) this.once('timeout', listener);
    this.#touch();
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  #touch(): void {
    clearTimeout(this.#idleTimer);
    if (this.#idleMs > 0 && !this.destroyed) {
      this.#idleTimer = setTimeout(() => this.emit('timeout'), this.#idleMs);
      this.#idleTimer.unref();
    }
  }
}

/**
 * A kafkajs `socketFactory` that carries every broker connection (bootstrap and each advertised
 * host:port learned from metadata) through the tunnel; the jump host resolves the name. TLS runs
 * inside the channel with the advertised host as server name, so certificates are checked against
 * the name the broker advertises, as on a direct connection.
 */
export function tunnelSocketFactory(tunnel: ChannelOpener): ISocketFactory {
  return ({ host, port, ssl, onConnect }) => {
    const raw = new TunnelSocket(host, port);
    let socket: Duplex = raw;
    // kafkajs passes its `ssl` setting through: `true` or TLS options (typed as options only).
    const tls = ssl as ConnectionOptions | boolean | undefined;
    if (tls) {
      const options: ConnectionOptions = {
        ...(tls === true ? {} : tls),
        socket: raw,
        host,
        ...(isIP(host) ? {} : { servername: host }),
      };
      socket = tlsConnect(options, onConnect);
    } else {
      raw.once('connect', onConnect);
    }
    const untrack = tunnel.track(socket);
    socket.once('close', untrack);
    tunnel.openChannel(host, port).then(
      (channel) => raw.attach(channel),
      (error: Error) => socket.destroy(error),
    );
    return socket as unknown as Socket;
  };
}
