import { spawnSync } from 'node:child_process';

/**
 * Writes every dirty page out before a timed run. Each run writes its whole output (hundreds of MB)
 * into the page cache; the kernel flushes it about 30 s later, in the middle of whichever run comes
 * next, and the broker's appends then compete with that write-back. Flushing first gives every run
 * the same start, whatever ran before it (a kcat run measured 1.9 s and 3.7 s in one scenario without it).
 */
export function settleDisk(): void {
  const result = spawnSync('sync', { stdio: 'ignore', timeout: 120_000 });
  if (result.error) throw new Error(`sync before a timed run failed: ${result.error.message}`);
}
