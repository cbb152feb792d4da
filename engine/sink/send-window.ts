export interface SendWindowLimits {
  /** Sends in flight at most. */
  sends: number;
  /**
   * Payload bytes in flight at most: what the sink holds on top of the fetch response the source is
   * working through. A single send larger than this still goes, alone.
   */
  bytes: number;
}

/**
 * Sends in flight, bounded by count and by bytes. A full window makes the caller wait for the
 * oldest, which is how a slow broker pauses consumption. The first failure is kept and rethrown to
 * every later caller: once a send failed, records after the last checkpoint may be missing, so the
 * attempt must end.
 */
export class SendWindow {
  readonly #pending = new Map<Promise<void>, number>();
  #bytes = 0;
  #failure: { error: unknown } | undefined;

  constructor(readonly limits: SendWindowLimits) {}

  get inFlight(): number {
    return this.#pending.size;
  }

  get bytesInFlight(): number {
    return this.#bytes;
  }

  /**
   * `bytes`: what the send carries, counted against the window's byte limit until it settles.
   * `limits`: this send's own, when sends of different kinds share the window: it waits until the
   * sends in flight leave room by its limits.
   */
  async add(
    send: () => Promise<void>,
    onError: (error: unknown) => void,
    bytes = 0,
    limits: SendWindowLimits = this.limits,
  ): Promise<void> {
    this.#throwIfFailed();
    while (this.#isFull(bytes, limits)) await Promise.race(this.#pending.keys());
    this.#throwIfFailed();
    const tracked: Promise<void> = send()
      .catch((error: unknown) => {
        this.#failure ??= { error };
        onError(error);
      })
      .finally(() => {
        this.#bytes -= this.#pending.get(tracked) ?? 0;
        this.#pending.delete(tracked);
      });
    this.#pending.set(tracked, bytes);
    this.#bytes += bytes;
  }

  /** Waits for every send in flight; throws the first failure. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending.keys()]);
    this.#throwIfFailed();
  }

  /** Waits without throwing: for shutdown paths that must not leave sends dangling. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending.keys()]);
  }

  #isFull(bytes: number, limits: SendWindowLimits): boolean {
    if (this.#pending.size === 0) return false;
    return this.#pending.size >= limits.sends || this.#bytes + bytes > limits.bytes;
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }
}
