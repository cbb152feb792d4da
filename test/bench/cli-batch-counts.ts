// What `sluice run` printed about the shallow copy path: its `copy path:` line, and the batch counts
// of its last progress or summary line (engine/cli/run/progress-line.ts).

export interface CliBatchCounts {
  /** The text after `copy path: `, when the run printed one. */
  copyPath: string | undefined;
  forwarded: number;
  /** Batches decoded record by record (every fallback reason). */
  decoded: number;
}

const number = (text: string | undefined): number => Number((text ?? '0').replace(/,/g, ''));

export function cliBatchCounts(stderr: string): CliBatchCounts {
  const copyPath = /copy path: (.+)$/m.exec(stderr)?.[1]?.trim();
  let forwarded = 0;
  let decoded = 0;
  for (const line of stderr.split('\n')) {
    const f = /([\d,]+) batch(?:es)? forwarded/.exec(line);
    if (!f) continue;
    forwarded = number(f[1]);
    decoded = number(/([\d,]+) (?:batch(?:es)? )?decoded/.exec(line)?.[1]);
  }
  return { copyPath, forwarded, decoded };
}
