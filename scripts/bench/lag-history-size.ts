#!/usr/bin/env -S npx tsx
// How big a cluster's lag history gets (issue 19): one hour of 2,000 groups x 10 partitions every
// 30 s through the real store, for several shares of partitions changing per cycle, then that hour
// rolled up. Prints a Markdown table with the bytes per day at full resolution, rolled up, and
// for the default 14 days (1 day raw + 13 rolled up), and the time per append, roll-up and query.
// Usage: npx tsx scripts/bench/lag-history-size.ts [--groups 2000] [--partitions 10] [--changing 1,0.25,0.05]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openLagHistory } from '../../engine/lag/lag-history.js';
import { formatBytes } from '../../engine/cli/format.js';
import { syntheticCycles } from '../../test/bench/lag-cycles.js';

const { values } = parseArgs({
  options: {
    groups: { type: 'string', default: '2000' },
    partitions: { type: 'string', default: '10' },
    changing: { type: 'string', default: '1,0.25,0.05' },
  },
});
const groups = Number(values.groups);
const partitions = Number(values.partitions);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const INTERVAL = 30_000;
const START = Date.UTC(2026, 11, 1);

const rows: string[] = [];
for (const changing of values.changing.split(',').map(Number)) {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-lag-size-'));
  const history = await openLagHistory(dir);
  let appendMs = 0;
  let count = 0;
  for (const cycle of syntheticCycles({ groups, partitions, changing, start: START, intervalMs: INTERVAL })) {
    if (count >= HOUR / INTERVAL) break;
    const started = performance.now();
    await history.append(cycle);
    appendMs += performance.now() - started;
    count++;
  }
  const rawHour = await history.sizeBytes();
  const queryStarted = performance.now();
  const series = await history.groupSeries('group-0042', { from: START, to: START + HOUR });
  const queryMs = performance.now() - queryStarted;
  const windowsStarted = performance.now();
  await history.windows('group-0042', 10);
  const windowsMs = performance.now() - windowsStarted;
  const allStarted = performance.now();
  const seeded = await history.allWindows(10);
  const allWindowsMs = performance.now() - allStarted;
  if (seeded.size !== groups) throw new Error(`allWindows found ${seeded.size} groups`);
  // Reopened: the segment being appended to is never rolled up.
  await history.close();
  const reopened = await openLagHistory(dir);
  const rollStarted = performance.now();
  const report = await reopened.maintain(START + HOUR + DAY);
  const rollMs = performance.now() - rollStarted;
  const rolledHour = report.sizeBytes;
  await reopened.close();
  rmSync(dir, { recursive: true, force: true });
  if (series.length !== count || report.rolledUpHours !== 1) throw new Error('the measurement read back wrong');
  const rawDay = rawHour * 24;
  const rolledDay = rolledHour * 24;
  rows.push(
    `| ${Math.round(changing * 100)}% | ${formatBytes(rawHour / count)} | ${(appendMs / count).toFixed(0)} ms | ` +
      `${formatBytes(rawDay)} | ${formatBytes(rolledDay)} | ${formatBytes(rawDay + 13 * rolledDay)} | ` +
      `${(rollMs / 1000).toFixed(1)} s | ${queryMs.toFixed(0)} ms | ${windowsMs.toFixed(0)} ms | ` +
      `${(allWindowsMs / 1000).toFixed(1)} s |`,
  );
  console.error(`changing ${changing}: done`);
}

console.log(
  `${groups.toLocaleString('en')} groups x ${partitions} partitions every ${INTERVAL / 1000} s ` +
    `(${(groups * partitions).toLocaleString('en')} partition rows per cycle before change detection):\n`,
);
console.log(
  '| partitions changing per cycle | per cycle | append | raw day | rolled-up day | 14 days | roll-up of an hour | one group, an hour | windows | allWindows |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
