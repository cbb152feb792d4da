interface Gate {
  promise: Promise<void>;
  open: () => void;
}

/**
 * Lets a checkpoint see a consistent cut. Batch handlers enter() and leave(); close() waits until
 * none is inside and keeps new ones out until the returned reopen() runs, so the offsets snapshot
 * and the sink's flush or transaction commit cover exactly the same records. seal() keeps
 * everyone out for good: after a final checkpoint, enter() answers false and nothing more is read.
 */
export class CheckpointBarrier {
  #inside = 0;
  #gate: Gate | undefined;
  #sealed = false;
  #onDrained: (() => void) | undefined;

  get sealed(): boolean {
    return this.#sealed;
  }

  async enter(): Promise<boolean> {
    while (this.#gate && !this.#sealed) await this.#gate.promise;
    if (this.#sealed) return false;
    this.#inside++;
    return true;
  }

  leave(): void {
    this.#inside--;
    if (this.#inside === 0) this.#onDrained?.();
  }

  async close(): Promise<() => void> {
    while (this.#gate) await this.#gate.promise;
    let open!: () => void;
    const gate: Gate = { promise: new Promise<void>((resolve) => (open = resolve)), open: () => open() };
    this.#gate = gate;
    if (this.#inside > 0) await new Promise<void>((resolve) => (this.#onDrained = resolve));
    this.#onDrained = undefined;
    return () => {
      if (this.#gate === gate) this.#gate = undefined;
      gate.open();
    };
  }

  seal(): void {
    this.#sealed = true;
    const gate = this.#gate;
    this.#gate = undefined;
    gate?.open();
  }
}
