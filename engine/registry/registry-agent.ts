import { Agent } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { ChannelOpener } from '../transport/ssh-tunnel.js';
import { TunnelSocket } from '../transport/tunnel-socket.js';

interface ConnectionRequest {
  host?: string | null;
  hostname?: string | null;
  port?: number | string | null;
}

/**
 * An HTTP(S) agent whose every connection is an ssh2 `forwardOut` channel through the profile's
 * jump host (the tunnel the brokers use): the jump host resolves the registry's name. With TLS, the
 * handshake runs inside the channel and the certificate is checked against the registry's host name,
 * as on a direct connection. Connections go down with the tunnel.
 */
export class TunnelAgent extends Agent {
  readonly #tunnel: ChannelOpener;
  readonly #tls: ConnectionOptions | undefined;

  /** `tls` set: an agent for https:// (the registry's CA and verification settings). */
  constructor(tunnel: ChannelOpener, tls?: ConnectionOptions) {
    super({ keepAlive: false });
    this.#tunnel = tunnel;
    this.#tls = tls;
    // http.request checks the agent's protocol against the URL's.
    (this as unknown as { protocol: string }).protocol = tls ? 'https:' : 'http:';
  }

  /** Answers through `callback` once the channel is open, so a refused channel fails the request. */
  override createConnection(
    options: ConnectionRequest,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): undefined {
    const host = options.hostname ?? options.host ?? 'localhost';
    const port = Number(options.port ?? (this.#tls ? 443 : 80));
    const done = callback ?? (() => undefined);
    this.#tunnel.openChannel(host, port).then(
      (channel) => {
        const raw = new TunnelSocket(host, port);
        raw.attach(channel);
        const socket: Duplex = this.#tls
          ? tlsConnect({
              ...this.#tls,
              socket: raw as unknown as Socket,
              host,
              ...(isIP(host) ? {} : { servername: host }),
            })
          : raw;
        socket.once('close', this.#tunnel.track(socket));
        done(null, socket);
      },
      (error: Error) => done(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
