// The time axis of the job charts. With fewer than two samples uPlot has no range to scale to and
// labels an empty axis with arbitrary dates (months of 2027-2029); an empty chart shows instead the
// window it will fill: the last `windowSeconds`, ending now.

/** [min, max] of the x scale in seconds: the samples' span, or the window ending now (or at the one sample). */
export function timeRange(
  times: ArrayLike<number>,
  windowSeconds: number,
  nowSeconds: number = Date.now() / 1000,
): [number, number] {
  const n = times.length;
  if (n >= 2) return [times[0]!, times[n - 1]!];
  const end = n === 1 ? Math.max(times[0]!, nowSeconds) : nowSeconds;
  return [end - windowSeconds, end];
}
