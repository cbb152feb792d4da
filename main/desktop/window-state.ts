import type { WindowState } from '../services/settings/settings-schema';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RestoredWindow {
  /** Absent: let the OS place a window of the default size. */
  bounds: Rect | undefined;
  maximized: boolean;
}

/**
 * Where to reopen the window: the saved bounds, moved and shrunk to fit inside the display it
 * overlaps most. A display that was unplugged since leaves no overlap: then the window opens
 * centred on the primary display (the first work area), never off screen.
 */
export function restoreWindow(saved: WindowState | undefined, workAreas: readonly Rect[]): RestoredWindow {
  if (!saved || workAreas.length === 0) return { bounds: undefined, maximized: saved?.maximized ?? false };
  let best: Rect | undefined;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  const area = best ?? workAreas[0]!;
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  const bounds = best
    ? {
        x: clamp(saved.x, area.x, area.x + area.width - width),
        y: clamp(saved.y, area.y, area.y + area.height - height),
        width,
        height,
      }
    : {
        x: area.x + Math.round((area.width - width) / 2),
        y: area.y + Math.round((area.height - height) / 2),
        width,
        height,
      };
  return { bounds, maximized: saved.maximized };
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max));
}

/** The part of a BrowserWindow the tracker needs; injected so it runs without Electron. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): void;
  /** The bounds the window has when neither maximized nor minimized. */
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Saves the window's place as the user moves and resizes it (debounced: a drag fires many events)
 * and once more as it closes. A minimized or full-screen window keeps its last normal state.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  options: { delayMs?: number; timers?: Timers } = {},
): void {
  const timers = options.timers ?? realTimers;
  const delay = options.delayMs ?? 500;
  let pending: unknown;
  const saveNow = (): void => {
    if (pending !== undefined) timers.clear(pending);
    pending = undefined;
    if (window.isMinimized() || window.isFullScreen()) return;
    const { x, y, width, height } = window.getNormalBounds();
    const round = Math.round;
    save({ x: round(x), y: round(y), width: round(width), height: round(height), maximized: window.isMaximized() });
  };
  const later = (): void => {
    if (pending !== undefined) timers.clear(pending);
    pending = timers.set(saveNow, delay);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, later);
  window.on('close', saveNow);
}
