import type jsonata from 'jsonata';
import { RecordError, type RecordPosition, type RecordStage, type SluiceErrorOptions } from '../errors/index.js';

/**
 * What one evaluation of a filter or map may spend on one record. JSONata evaluates step by step
 * on promises, so an expression that never ends starves the event loop (no timer, no signal runs):
 * the budget is checked at every step and ends it.
 */
export interface TransformBudget {
  /** Wall-clock time for one expression on one record. */
  timeoutMs: number;
  /** How deeply evaluation steps may nest (non-tail recursion grows it). */
  maxDepth: number;
}

export const DEFAULT_TRANSFORM_BUDGET: TransformBudget = { timeoutMs: 1000, maxDepth: 500 };

/**
 * An expression ran past its budget on a record. Not retriable: the same record would do it again.
 * A record error, so the job's `onDecodeError` policy decides what becomes of the record.
 */
export class TransformBudgetError extends RecordError {
  constructor(
    message: string,
    position: RecordPosition,
    stage: RecordStage,
    options: Omit<SluiceErrorOptions, 'hintId' | 'retriable'> = {},
  ) {
    super(message, position, stage, { ...options, hintId: 'transform-budget' });
  }
}

/** Thrown from inside JSONata; the transform turns it into a TransformBudgetError naming the record. */
export class BudgetExceeded extends Error {
  constructor(
    readonly reason: string,
    /** Character position in the expression of the step that ran over. */
    readonly position: number,
  ) {
    super(reason);
  }
}

type Expression = ReturnType<typeof jsonata>;
interface Step {
  position?: number;
}
interface Frame {
  lookup(name: string): unknown;
  isParallelCall?: boolean;
}

// A binding name JSONata's syntax cannot spell, so no expression can read or replace it.
const METER = 'sluice budget meter';

/** One evaluation's spending: fresh for every record, so budgets never carry over. */
export class Meter {
  readonly #budget: TransformBudget;
  readonly #startedAt = Date.now();
  #depth = 0;
  /** Set once the budget is spent; JSONata's $eval wraps the error, so the meter keeps it. */
  exceeded: BudgetExceeded | undefined;

  constructor(budget: TransformBudget) {
    this.#budget = budget;
  }

  enter(step: Step, parallel: boolean): void {
    if (!parallel) this.#depth++;
    this.#check(step);
  }

  exit(step: Step, parallel: boolean): void {
    if (!parallel) this.#depth--;
    this.#check(step);
  }

  #check(step: Step): void {
    if (this.exceeded) throw this.exceeded;
    const { timeoutMs, maxDepth } = this.#budget;
    if (this.#depth > maxDepth) {
      this.exceeded = new BudgetExceeded(
        `ran past its depth budget of ${maxDepth} nested steps (a recursion that does not end?)`,
        step.position ?? 0,
      );
    } else if (Date.now() - this.#startedAt > timeoutMs) {
      this.exceeded = new BudgetExceeded(
        `ran past its time budget of ${timeoutMs} ms (a loop that does not end?)`,
        step.position ?? 0,
      );
    }
    if (this.exceeded) throw this.exceeded;
  }
}

/**
 * Hooks JSONata calls around every evaluation step (the `__evaluate_entry` / `__evaluate_exit`
 * callbacks its own test suite uses to timebox expressions), reading the meter of the evaluation
 * at hand from its bindings.
 */
export function meterSteps(expression: Expression): void {
  const hook = (method: 'enter' | 'exit') => (step: Step, _input: unknown, frame: Frame) => {
    const meter = frame.lookup(METER);
    if (meter instanceof Meter) meter[method](step, frame.isParallelCall === true);
  };
  const assign = expression.assign as unknown as (name: symbol, value: unknown) => void;
  assign(Symbol.for('jsonata.__evaluate_entry'), hook('enter'));
  assign(Symbol.for('jsonata.__evaluate_exit'), hook('exit'));
}

/** A fresh meter for one evaluation, and the bindings that hand it to JSONata. */
export function meterFor(budget: TransformBudget): { meter: Meter; bindings: Record<string, unknown> } {
  const meter = new Meter(budget);
  return { meter, bindings: { [METER]: meter } };
}
