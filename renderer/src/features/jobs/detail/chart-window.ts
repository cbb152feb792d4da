// The time axis of the job charts. With fewer than two samples uPlot has no range to scale to and
// labels an empty axis with arbitrary dates (months of 2027-2029); an empty chart shows instead the
// window it will fill: the last `windowSeconds`, ending now.

// A few seconds of samples get at least a minute of axis, so ticks are seconds apart, not milliseconds.
const MIN_SPAN_SECONDS = 60;

/**
 * [min, max] of the x scale in seconds: the samples' span (at least a minute, ending at the last
 * sample), or with fewer than two samples the window ending now (or at the one sample).
 */
export function timeRange(
  times: ArrayLike<number>,
  windowSeconds: number,
  nowSeconds: number = Date.now() / 1000,
): [number, number] {
  const n = times.length;
  if (n >= 2) {
    const last = times[n - 1]!;
    return [Math.min(times[0]!, last - Math.min(MIN_SPAN_SECONDS, windowSeconds)), last];
  }
  const end = n === 1 ? Math.max(times[0]!, nowSeconds) : nowSeconds;
  return [end - windowSeconds, end];
}
