import { formatPath } from '../../engine/spec/validation';
import { invokeContract, type InvokeChannel, type InvokeChannels, type IpcReply } from './contract';

/** One handler per contract channel; each receives its argument already validated. */
export type Handlers = {
  [C in InvokeChannel]: (args: InvokeChannels[C]['parsed']) => Promise<InvokeChannels[C]['result']>;
};

/** Answers one call from any transport (Electron IPC, the browser-mode WebSocket). */
export type Dispatch = (channel: string, args: unknown) => Promise<IpcReply<unknown>>;

const known = new Set<string>(Object.keys(invokeContract));

/**
 * The one place a call from the renderer is checked: the channel must be in the contract and the
 * argument must match its schema (every problem reported by path), before any handler runs.
 */
export function createDispatcher(handlers: Handlers): Dispatch {
  return async (channel, args) => {
    if (!known.has(channel)) return { error: { name: 'UnknownChannel', message: `unknown IPC channel "${channel}"` } };
    const schema = invokeContract[channel as InvokeChannel].args;
    const parsed = schema.safeParse(args);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
      return {
        error: {
          name: 'InvalidInput',
          message: `${channel}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
          problems,
        },
      };
    }
    try {
      const handler = handlers[channel as InvokeChannel] as (args: unknown) => Promise<unknown>;
      return { result: await handler(parsed.data) };
    } catch (error) {
      return { error: toReplyError(error) };
    }
  };
}

function toReplyError(error: unknown): Extract<IpcReply<never>, { error: unknown }>['error'] {
  const e: Error & { hintId?: unknown; problems?: unknown } = error instanceof Error ? error : new Error(String(error));
  const hintId = typeof e.hintId === 'string' ? e.hintId : undefined;
  const problems = Array.isArray(e.problems) ? (e.problems as { path: string; message: string }[]) : undefined;
  return { name: e.name, message: e.message, ...(hintId ? { hintId } : {}), ...(problems ? { problems } : {}) };
}
