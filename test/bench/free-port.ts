import { createServer } from 'node:net';

const LOOPBACK = '127.0.0.1';

/** Ports this process already handed out, so shapes starting in parallel never share one. */
const handedOut = new Set<number>();

/** Resolves true when nothing listens on the port, by trying to bind it ourselves. */
export function isPortFree(port: number, host = LOOPBACK): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function askOsForPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * An ephemeral loopback port that was free a moment ago. The OS picks it (port 0) and we release it
 * for the child process; the re-check and the set of ports already handed out narrow the window in which a sibling
 * component or another engineer's broker grabs the same number.
 */
export async function freePort(host = LOOPBACK): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await askOsForPort(host);
    if (port === 0 || handedOut.has(port)) continue;
    if (await isPortFree(port, host)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('could not find a free loopback port after 20 attempts');
}
