/** Numbers for the tables: thousands separated, a dash where unknown (never a fake zero). */
export function count(value: number | undefined | null): string {
  return value === undefined || value === null ? '–' : Math.round(value).toLocaleString('en-US');
}

export function rate(value: number | undefined): string {
  return value === undefined ? '–' : `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}/s`;
}

export function time(ms: number | undefined): string {
  return ms === undefined ? '–' : new Date(ms).toLocaleString();
}

/** Sizes in B, KiB or MiB. */
export function bytes(value: number | undefined): string {
  if (value === undefined) return '–';
  if (value < 1024) return `${value} B`;
  if (value < 1024 * 1024) return `${(value / 1024).toFixed(1)} KiB`;
  return `${(value / 1024 / 1024).toFixed(1)} MiB`;
}
