// `npm run bench` only: scripts/bench/console-table.ts builds this page (index.html here) on its own,
// so nothing here is in the app bundle. It mounts the job detail's PartitionTable with synthetic
// metrics for many partitions and times its first render and its 1-second updates, driven through
// `window.tableBench`.
import { flushSync, mount } from 'svelte';
import '../../../../app/theme.css';
import type { PartitionMetrics } from '../partition-rows';
import PartitionTable from '../PartitionTable.svelte';

const TOPICS = 100;

/** What one `jobs:metrics` event would carry at second `tick`: fresh objects, as parsed from the wire. */
function synthetic(partitions: number, tick: number): PartitionMetrics[] {
  const perTopic = Math.ceil(partitions / TOPICS);
  return Array.from({ length: partitions }, (_, i) => {
    const partition = i % perTopic;
    const logStart = 1_000 * partition;
    const logEnd = logStart + 50_000 + tick * 1_000 + ((i * 7_919) % 997);
    const current = logEnd - ((i * 31 + tick * 17) % 500);
    return {
      topic: `topic-${String(Math.floor(i / perTopic)).padStart(3, '0')}`,
      partition,
      currentOffset: current,
      checkpointedOffset: current - 100,
      committedOffset: current - 100,
      logStartOffset: logStart,
      logEndOffset: logEnd,
      lag: logEnd - current,
      stopOffset: undefined,
      finished: false,
      recordsIn: current - logStart,
      bytesIn: (current - logStart) * 100,
      recordsOut: current - logStart,
      bytesOut: (current - logStart) * 100,
      recordsInPerSecond: 1_000,
      bytesInPerSecond: 100_000,
      recordsOutPerSecond: 1_000,
      bytesOutPerSecond: 100_000,
    };
  });
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** After the next frame has been produced (a task queued from inside rAF runs after paint). */
const painted = () =>
  new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
const layout = (target: HTMLElement) => target.getBoundingClientRect().height;

let partitions = $state.raw<PartitionMetrics[]>([]);
let count = 0;
let tick = 0;

const bench = {
  /** Mounts the table with `n` partitions: ms to mounted + laid out, and to the first frame painted. */
  async firstRender(n: number): Promise<{ workMs: number; paintedMs: number; rows: number }> {
    count = n;
    partitions = synthetic(count, tick);
    const target = document.getElementById('table')!;
    target.replaceChildren();
    await frame();
    const start = performance.now();
    mount(PartitionTable, {
      target,
      props: {
        get partitions() {
          return partitions;
        },
      },
    });
    flushSync();
    layout(target);
    const workMs = performance.now() - start;
    const paintedMs = (await painted()) - start;
    return { workMs, paintedMs, rows: target.querySelectorAll('tbody tr').length };
  },

  /** Clicks a sortable column's header ("Partition" or "Lag"), as the operator would. */
  async sortBy(column: string): Promise<void> {
    const button = [...document.querySelectorAll<HTMLButtonElement>('th button')].find((b) => b.textContent === column);
    if (!button) throw new Error(`no sortable column "${column}"`);
    button.click();
    flushSync();
    await painted();
  },

  /**
   * One metrics update, started at a frame: new objects for every partition, flushed and laid out.
   * Returns its cost and whether the rows were kept (same DOM nodes) rather than re-created.
   */
  async update(): Promise<{ workMs: number; rowsKept: boolean; changed: boolean }> {
    const target = document.getElementById('table')!;
    const before = [...target.querySelectorAll('tbody tr')];
    const textBefore = target.querySelector('tbody')?.textContent;
    const next = synthetic(count, ++tick);
    await frame();
    const start = performance.now();
    partitions = next;
    flushSync();
    layout(target);
    const workMs = performance.now() - start;
    const after = [...target.querySelectorAll('tbody tr')];
    return {
      workMs,
      rowsKept: before.length === after.length && before.every((row, i) => row === after[i]),
      changed: target.querySelector('tbody')?.textContent !== textBefore,
    };
  },
};

(window as unknown as { tableBench: typeof bench }).tableBench = bench;
