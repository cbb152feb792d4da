import { describe, expect, it } from 'vitest';
import type { WindowState } from '../services/settings/settings-schema';
import { restoreWindow, trackWindowState, type Rect, type Timers, type TrackedWindow } from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 870 };
const monitor: Rect = { x: 1440, y: 0, width: 2560, height: 1400 };
const state = (s: Partial<WindowState>): WindowState => ({
  x: 0,
  y: 0,
  width: 1280,
  height: 820,
  maximized: false,
  ...s,
});

describe('restoreWindow', () => {
  it('lets the OS place the first window', () => {
    expect(restoreWindow(undefined, [laptop])).toEqual({ bounds: undefined, maximized: false });
  });

  it('keeps bounds that fit on a display', () => {
    const saved = state({ x: 1600, y: 100, width: 1200, height: 900, maximized: true });
    expect(restoreWindow(saved, [laptop, monitor])).toEqual({
      bounds: { x: 1600, y: 100, width: 1200, height: 900 },
      maximized: true,
    });
  });

  it('pulls a window hanging off the edge back onto the display it overlaps most', () => {
    const saved = state({ x: 3500, y: 1200, width: 1000, height: 800 });
    expect(restoreWindow(saved, [laptop, monitor]).bounds).toEqual({ x: 3000, y: 600, width: 1000, height: 800 });
  });

  it('shrinks a window larger than its display', () => {
    const saved = state({ x: 100, y: 50, width: 2400, height: 1300 });
    expect(restoreWindow(saved, [laptop]).bounds).toEqual({ x: 0, y: 0, width: 1440, height: 870 });
  });

  it('centres on the primary display when the saved display is gone', () => {
    const saved = state({ x: 2000, y: 100, width: 1000, height: 600 });
    expect(restoreWindow(saved, [laptop]).bounds).toEqual({ x: 220, y: 135, width: 1000, height: 600 });
  });
});

describe('trackWindowState', () => {
  function fakeWindow() {
    const listeners = new Map<string, (() => void)[]>();
    const win = {
      bounds: { x: 10, y: 20, width: 1000, height: 700 } as Rect,
      maximized: false,
      minimized: false,
      fire(event: string) {
        for (const l of listeners.get(event) ?? []) l();
      },
    };
    const tracked: TrackedWindow = {
      on: (event, listener) => listeners.set(event, [...(listeners.get(event) ?? []), listener]),
      getNormalBounds: () => win.bounds,
      isMaximized: () => win.maximized,
      isMinimized: () => win.minimized,
      isFullScreen: () => false,
    };
    const queued = new Map<number, () => void>();
    let next = 0;
    const timers: Timers = {
      set: (callback) => {
        next += 1;
        queued.set(next, callback);
        return next;
      },
      clear: (handle) => queued.delete(handle as number),
    };
    const flush = () => {
      for (const [id, callback] of [...queued]) {
        queued.delete(id);
        callback();
      }
    };
    return { win, tracked, timers, flush, queued };
  }

  it('saves once after a burst of moves, and again on close', () => {
    const { win, tracked, timers, flush, queued } = fakeWindow();
    const saved: WindowState[] = [];
    trackWindowState(tracked, (s) => saved.push(s), { timers });
    win.bounds = { x: 50, y: 60, width: 1000, height: 700 };
    win.fire('move');
    win.bounds = { x: 55.4, y: 61, width: 1000, height: 700 };
    win.fire('move');
    expect(queued.size).toBe(1);
    flush();
    expect(saved).toEqual([{ x: 55, y: 61, width: 1000, height: 700, maximized: false }]);
    win.maximized = true;
    win.fire('maximize');
    win.fire('close');
    expect(queued.size).toBe(0);
    expect(saved[1]).toEqual({ x: 55, y: 61, width: 1000, height: 700, maximized: true });
  });

  it('does not record a minimized window', () => {
    const { win, tracked, timers } = fakeWindow();
    const saved: WindowState[] = [];
    trackWindowState(tracked, (s) => saved.push(s), { timers });
    win.minimized = true;
    win.fire('close');
    expect(saved).toEqual([]);
  });
});
