import { describe, expect, it } from 'vitest';
import { claimSingleInstance, focusWindow, type FocusableWindow, type InstanceApp } from './single-instance';

function fakeApp(locked: boolean) {
  const calls: string[] = [];
  let second: (() => void) | undefined;
  const app: InstanceApp = {
    requestSingleInstanceLock: () => locked,
    on: (_event, listener) => (second = listener),
    quit: () => calls.push('quit'),
  };
  return { app, calls, launchAgain: () => second?.() };
}

function fakeWindow(minimized: boolean, calls: string[], destroyed = false): FocusableWindow {
  return {
    isDestroyed: () => destroyed,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
}

describe('single instance', () => {
  it('quits a second launch', () => {
    const { app, calls } = fakeApp(false);
    expect(claimSingleInstance(app, () => undefined)).toBe(false);
    expect(calls).toEqual(['quit']);
  });

  it('brings the first window to the front when launched again', () => {
    const { app, calls, launchAgain } = fakeApp(true);
    expect(claimSingleInstance(app, () => fakeWindow(true, calls))).toBe(true);
    expect(calls).toEqual([]);
    launchAgain();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('does nothing with a window that is gone', () => {
    const calls: string[] = [];
    expect(focusWindow(undefined)).toBe(false);
    expect(focusWindow(fakeWindow(false, calls, true))).toBe(false);
    expect(focusWindow(fakeWindow(false, calls))).toBe(true);
    expect(calls).toEqual(['show', 'focus']);
  });
});
