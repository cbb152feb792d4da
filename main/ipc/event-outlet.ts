import { eventContract, type EventChannel, type EventChannels } from './contract';

export type EventSend = <C extends EventChannel>(channel: C, payload: EventChannels[C]) => void;

// A UI that never reports ready must not grow memory without end.
const MAX_QUEUED = 500;

/**
 * One renderer's event stream (a window, or a browser-mode connection). Events pushed before the
 * UI reports ready are queued and delivered in order once it does.
 */
export class EventOutlet {
  readonly #send: EventSend;
  #queue: { channel: EventChannel; payload: unknown }[] | undefined = [];
  #dropped = 0;

  constructor(send: EventSend) {
    this.#send = send;
  }

  push<C extends EventChannel>(channel: C, payload: EventChannels[C]): void {
    if (this.#queue === undefined) {
      this.#send(channel, payload);
      return;
    }
    if (this.#queue.length >= MAX_QUEUED) {
      this.#queue.shift();
      this.#dropped += 1;
    }
    this.#queue.push({ channel, payload });
  }

  ready(): void {
    const queued = this.#queue ?? [];
    this.#queue = undefined;
    if (this.#dropped > 0) {
      this.#send('app:notice', {
        level: 'warning',
        message: `${this.#dropped} early events were dropped before the window was ready`,
      });
    }
    for (const { channel, payload } of queued) this.#send(channel, payload as never);
  }
}

/** Fans events out to every connected renderer; payloads are checked against the contract first. */
export class EventHub {
  readonly #outlets = new Set<EventOutlet>();
  readonly #onInvalid: (message: string) => void;

  constructor(onInvalid: (message: string) => void = (m) => console.error(m)) {
    this.#onInvalid = onInvalid;
  }

  connect(outlet: EventOutlet): () => void {
    this.#outlets.add(outlet);
    return () => this.#outlets.delete(outlet);
  }

  emit<C extends EventChannel>(channel: C, payload: EventChannels[C]): void {
    const checked = eventContract[channel].safeParse(payload);
    if (!checked.success) {
      // A bug on our side: say so loudly rather than send the renderer something it cannot read.
      this.#onInvalid(`event ${channel} does not match the contract: ${checked.error.message}`);
      return;
    }
    for (const outlet of this.#outlets) outlet.push(channel, checked.data as EventChannels[C]);
  }
}
