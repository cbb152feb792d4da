// Helpers for the console bench's browser: calls through the page's API and percentiles. The
// browser itself is started by test/bench/chromium.ts, as for the e2e tests.

/** A call through the page's own API (window.sluice), as the console makes it. */
export async function invokeInPage<T>(browser: WebdriverIO.Browser, channel: string, args: unknown): Promise<T> {
  const reply: { result?: unknown; error?: string } = await browser.executeAsync(
    (ch: string, a: unknown, done: (r: { result?: unknown; error?: string }) => void) => {
      const api = (globalThis as unknown as { sluice: { invoke(c: string, x: unknown): Promise<unknown> } }).sluice;
      api.invoke(ch, a).then(
        (result) => done({ result }),
        (error: Error) => done({ error: error.message }),
      );
    },
    channel,
    args,
  );
  if (reply.error !== undefined) throw new Error(`${channel}: ${reply.error}`);
  return reply.result as T;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
