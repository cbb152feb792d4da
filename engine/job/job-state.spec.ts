import { describe, expect, it } from 'vitest';
import { IllegalTransitionError, JobStateMachine, isTerminal, type StateChange } from './job-state.js';

describe('JobStateMachine', () => {
  it('moves along allowed transitions and reports each change', () => {
    const changes: StateChange[] = [];
    const machine = new JobStateMachine((c) => changes.push(c));
    machine.transition('starting');
    machine.transition('running');
    machine.transition('restarting', 'broker down');
    machine.transition('starting');
    machine.transition('running');
    machine.transition('stopping');
    machine.transition('finished');
    expect(changes.map((c) => `${c.from}>${c.to}`)).toEqual([
      'created>starting',
      'starting>running',
      'running>restarting',
      'restarting>starting',
      'starting>running',
      'running>stopping',
      'stopping>finished',
    ]);
    expect(changes[2]?.reason).toBe('broker down');
    expect(isTerminal(machine.state)).toBe(true);
  });

  it('refuses illegal transitions', () => {
    const machine = new JobStateMachine(() => undefined);
    expect(() => machine.transition('running')).toThrow(IllegalTransitionError);
    machine.transition('stopped');
    expect(machine.can('starting')).toBe(false);
  });
});
