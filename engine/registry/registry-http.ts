import { request as httpRequest, type Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RegistryError } from './schema-source.js';

// One request to a Confluent-compatible registry, with a bound on the whole exchange (connect,
// send, answer) and errors that name the method, path, registry and the registry's own error.

export const REGISTRY_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

export interface RegistryEndpoint {
  /** Base URL of the API, without a trailing slash. */
  url: string;
  headers: Record<string, string>;
  agent?: Agent;
  timeoutMs: number;
}

/** What the request was about, to name in its error ("schema id 42"). */
export interface RequestContext {
  what?: string;
}

/** Why a registry request failed, beyond its HTTP status: for the check step and the hints. */
export type RegistryFailure = 'unreachable' | 'timeout' | 'tls' | 'auth' | 'not-found' | 'rejected';

export class RegistryRequestError extends RegistryError {
  constructor(
    message: string,
    readonly failure: RegistryFailure,
    status?: number,
    errorCode?: number,
    options?: { cause?: unknown },
  ) {
    super(message, status, errorCode);
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME_MISMATCH|altnames/i;

export async function registryRequest<T>(
  endpoint: RegistryEndpoint,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  context: RequestContext = {},
): Promise<T> {
  const target = `${method} ${path} on ${endpoint.url}`;
  const about = context.what ? `${context.what}: ` : '';
  const url = new URL(endpoint.url + path);
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    let settled = false;
    const fail = (error: RegistryRequestError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(error);
    };
    const req = send(
      url,
      {
        method,
        headers: {
          Accept: `${REGISTRY_CONTENT_TYPE}, application/json`,
          ...(payload ? { 'Content-Type': REGISTRY_CONTENT_TYPE, 'Content-Length': payload.length } : {}),
          ...endpoint.headers,
        },
        ...(endpoint.agent ? { agent: endpoint.agent } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (error) => fail(transportError(error, about, target)));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    const timer = setTimeout(
      () => fail(new RegistryRequestError(`${about}${target}: no answer within ${endpoint.timeoutMs} ms`, 'timeout')),
      endpoint.timeoutMs,
    );
    req.on('error', (error) => fail(transportError(error, about, target)));
    req.end(payload);
  });
  if (status >= 200 && status < 300) {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new RegistryRequestError(
        `${about}${target} answered ${status} with a body that is not JSON: ${text.slice(0, 120)}`,
        'rejected',
        status,
      );
    }
  }
  throw answeredError(status, text, about, target);
}

function answeredError(status: number, text: string, about: string, target: string): RegistryRequestError {
  let errorCode: number | undefined;
  let message = text.trim().slice(0, 300);
  try {
    const parsed = JSON.parse(text) as { error_code?: unknown; message?: unknown };
    if (typeof parsed.error_code === 'number') errorCode = parsed.error_code;
    if (typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not the registry's JSON error (a proxy's HTML page): the text itself says what it is.
  }
  const failure: RegistryFailure =
    status === 401 || status === 403 ? 'auth' : status === 404 ? 'not-found' : 'rejected';
  const code = errorCode === undefined ? '' : ` error_code ${errorCode}`;
  const auth = failure === 'auth' ? ' (check the registry user and password or token)' : '';
  return new RegistryRequestError(
    `${about}${target} answered HTTP ${status}${code}${message ? `: ${message}` : ''}${auth}`,
    failure,
    status,
    errorCode,
  );
}

function transportError(error: Error, about: string, target: string): RegistryRequestError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const tls = TLS_CODES.test(code) || TLS_CODES.test(error.message);
  const detail = code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  return new RegistryRequestError(
    `${about}${target}: ${tls ? 'TLS failed' : 'cannot reach the registry'}: ${detail}`,
    tls ? 'tls' : 'unreachable',
    undefined,
    undefined,
    { cause: error },
  );
}
