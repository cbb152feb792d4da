/**
 * Sends in flight, bounded. A full window makes the caller wait for the oldest, which is how a
 * slow broker pauses consumption. The first failure is kept and rethrown to every later caller:
 * once a send failed, records after the last checkpoint may be missing, so the attempt must end.
 */
export class SendWindow {
  readonly #pending = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;

  constructor(readonly limit: number) {}

  get inFlight(): number {
    return this.#pending.size;
  }

  async add(send: () => Promise<void>, onError: (error: unknown) => void): Promise<void> {
    this.#throwIfFailed();
    while (this.#pending.size >= this.limit) await Promise.race(this.#pending);
    this.#throwIfFailed();
    const tracked: Promise<void> = send()
      .catch((error: unknown) => {
        this.#failure ??= { error };
        onError(error);
      })
      .finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  /** Waits for every send in flight; throws the first failure. */
  async drain(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
    this.#throwIfFailed();
  }

  /** Waits without throwing: for shutdown paths that must not leave sends dangling. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }
}
