import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Measurement {
  wallMs: number;
  /** Sum over the measured processes of each one's peak resident set (VmHWM), in KiB. */
  peakRssKiB: number;
  exitCodes: (number | null)[];
  stderr: string;
}

const SAMPLE_MS = 50;

/** The kernel's own high-water mark of a process's resident memory; undefined once it exited. */
function vmHwmKiB(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Waits for every process to exit, sampling VmHWM meanwhile. VmHWM only ever grows, so the last
 * sample before exit is the peak within one sampling interval. Wall time runs from the call
 * (made right after spawning) to the last exit.
 */
export async function measure(children: ChildProcess[], timeoutMs: number): Promise<Measurement> {
  const startedAt = performance.now();
  const peaks = new Map<number, number>();
  let stderr = '';
  const sample = () => {
    for (const child of children) {
      if (child.pid === undefined) continue;
      const hwm = vmHwmKiB(child.pid);
      if (hwm !== undefined) peaks.set(child.pid, Math.max(peaks.get(child.pid) ?? 0, hwm));
    }
  };
  for (const child of children)
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-20_000)));
  const sampler = setInterval(sample, SAMPLE_MS);
  sample();
  const timer = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
  }, timeoutMs);
  const exitCodes = await Promise.all(
    children.map(
      (child) =>
        new Promise<number | null>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
          else child.on('exit', (code) => resolve(code));
        }),
    ),
  );
  const wallMs = performance.now() - startedAt;
  clearInterval(sampler);
  clearTimeout(timer);
  const peakRssKiB = [...peaks.values()].reduce((sum, kib) => sum + kib, 0);
  return { wallMs, peakRssKiB, exitCodes, stderr };
}
