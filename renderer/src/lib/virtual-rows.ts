// Windowed rendering for long tables: TanStack's virtualizer decides which rows are in view; the
// table renders only those between two spacer rows, so table semantics and sticky headers stay.
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  Virtualizer,
  type VirtualItem,
} from '@tanstack/virtual-core';

export interface VirtualWindow {
  items: VirtualItem[];
  /** Heights of the spacer rows above and below the rendered rows. */
  before: number;
  after: number;
}

export interface VirtualRows {
  scrollToIndex(index: number): void;
  destroy(): void;
}

/** Spacer heights for the rows in view, from the virtualizer's items and its total size. */
export function windowOf(items: VirtualItem[], total: number): VirtualWindow {
  const first = items[0];
  const last = items[items.length - 1];
  return {
    items,
    before: first ? first.start : 0,
    after: last ? Math.max(0, total - last.end) : 0,
  };
}

/** Watches `scrollElement` and reports which of `count` fixed-height rows to render. */
export function virtualRows(options: {
  scrollElement: HTMLElement;
  count: number;
  rowHeight: number;
  overscan?: number;
  onWindow: (view: VirtualWindow) => void;
}): VirtualRows {
  const virtualizer = new Virtualizer<HTMLElement, Element>({
    count: options.count,
    getScrollElement: () => options.scrollElement,
    estimateSize: () => options.rowHeight,
    overscan: options.overscan ?? 12,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: (instance) => options.onWindow(windowOf(instance.getVirtualItems(), instance.getTotalSize())),
  });
  const cleanup = virtualizer._didMount();
  virtualizer._willUpdate();
  options.onWindow(windowOf(virtualizer.getVirtualItems(), virtualizer.getTotalSize()));
  return {
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    destroy: cleanup,
  };
}
