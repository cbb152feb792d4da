import type { ReportPartition } from './report-schema.js';

export interface LagChartOptions {
  width?: number;
  barHeight?: number;
  /** More partitions than this are summed into one "other" bar, so the page stays printable. */
  maxBars?: number;
}

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/**
 * Lag per partition as horizontal bars in inline SVG: no script, no network, prints the same in
 * any browser. The largest lags come first; the rest are summed into one bar.
 */
export function lagChartSvg(rows: readonly ReportPartition[], options: LagChartOptions = {}): string {
  const width = options.width ?? 720;
  const barHeight = options.barHeight ?? 16;
  const maxBars = options.maxBars ?? 40;
  const sorted = rows
    .map((r) => ({ label: `${r.topic}/${r.partition}`, lag: r.lag ?? 0 }))
    .sort((a, b) => b.lag - a.lag || a.label.localeCompare(b.label));
  const bars = sorted.slice(0, maxBars);
  const rest = sorted.slice(maxBars);
  if (rest.length > 0)
    bars.push({ label: `${rest.length} more partitions`, lag: rest.reduce((sum, r) => sum + r.lag, 0) });
  const labelWidth = 200;
  const valueWidth = 90;
  const plot = width - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.lag));
  const gap = 4;
  const height = Math.max(1, bars.length) * (barHeight + gap) + gap;
  const items = bars.map((bar, i) => {
    const y = gap + i * (barHeight + gap);
    const w = bar.lag === 0 ? 0 : Math.max(1, Math.round((bar.lag / max) * plot));
    const mid = y + barHeight / 2;
    return (
      `<text x="${labelWidth - 6}" y="${mid}" text-anchor="end" dominant-baseline="middle">${escapeXml(bar.label)}</text>` +
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="#2f6fdf"/>` +
      `<text x="${labelWidth + w + 6}" y="${mid}" dominant-baseline="middle">${bar.lag}</text>`
    );
  });
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Lag per partition" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">${items.join('')}</svg>`
  );
}
