import type { InvokeChannel, InvokeChannels } from '../../../../main/ipc/contract';
import { getApi } from '../../lib/api';
import { errorMessage, fieldErrors } from '../../lib/field-errors';
import type { Built } from './topic-form-model';

/** What a topic form shows after a submit: the answer, or errors by field and a message for the rest. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; errors: Record<string, string>; failure: string };

/**
 * Sends a built request; a refusal's problems (paths under `request.`, from main's schema check or
 * the broker) come back as errors by field, anything else as one failure message.
 */
export async function sendTopicRequest<T, R>(built: Built<T>, send: (request: T) => Promise<R>): Promise<Outcome<R>> {
  if (!built.ok) return { ok: false, errors: built.errors, failure: '' };
  try {
    return { ok: true, value: await send(built.request) };
  } catch (error) {
    const problems = (error as { problems?: { path: string; message: string }[] }).problems ?? [];
    if (problems.length > 0) return { ok: false, errors: fieldErrors(problems, 'request.'), failure: '' };
    return { ok: false, errors: {}, failure: errorMessage(error) };
  }
}

/** A call to main; the console always has the API installed before a form can be submitted. */
export async function invoke<C extends InvokeChannel>(
  channel: C,
  args: InvokeChannels[C]['args'],
): Promise<InvokeChannels[C]['result']> {
  const api = getApi();
  if (!api) throw new Error('the console is not connected to Sluice');
  return api.invoke(channel, args);
}
