import { lagChartSvg } from './lag-chart.js';
import { headerFields, REPORT_COLUMNS } from './report-columns.js';
import { summarize, type OffsetReport } from './report-schema.js';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

const STYLE = `
body { font: 13px/1.4 system-ui, sans-serif; color: #1d2330; margin: 24px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 20px 0 8px; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0; }
.card { border: 1px solid #d5dae3; border-radius: 6px; padding: 8px 12px; min-width: 120px; }
.card b { font-size: 18px; margin-left: 6px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; margin: 0; }
dt { color: #5b6475; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #e3e7ee; padding: 3px 6px; text-align: right; white-space: nowrap; }
table { font-size: 11px; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #f2f4f8; }
tr { break-inside: avoid; }
@media print { body { margin: 0; } }
`;

/**
 * The printable report: self-contained HTML (inline CSS and SVG, nothing fetched) with the summary
 * on top, the lag chart, then every partition. Chromium prints it to PDF.
 */
export function formatHtmlReport(report: OffsetReport): string {
  const summary = summarize(report);
  const subject = report.kind === 'job' ? `job ${report.job ?? ''}` : `group ${report.groupId ?? ''}`;
  const title = `Sluice offset report: ${subject}`;
  const cards: [string, string][] = [
    ['Total lag', String(summary.totalLag)],
    ['Partitions', String(summary.partitions)],
    ['Without offset', String(summary.withoutOffset)],
    ['Checkpoint', report.checkpointId === null ? 'none' : String(report.checkpointId)],
    [
      'Largest lag',
      summary.maxLag ? `${summary.maxLag.lag} (${summary.maxLag.topic}/${summary.maxLag.partition})` : '-',
    ],
  ];
  const rows = report.partitions.map(
    (row) =>
      `<tr>${REPORT_COLUMNS.map((c) => `<td>${escapeHtml(String(c.value(report, row) ?? c.missing ?? '-'))}</td>`).join('')}</tr>`,
  );
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<style>${STYLE}</style></head>
<body>
<h1>${escapeHtml(title)}</h1>
<div class="summary">${cards.map(([label, value]) => `<div class="card">${escapeHtml(label)} <b>${escapeHtml(value)}</b></div>`).join('')}</div>
<dl>${headerFields(report)
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('')}</dl>
<h2>Lag per partition</h2>
${lagChartSvg(report.partitions)}
<h2>Partitions</h2>
<table><thead><tr>${REPORT_COLUMNS.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('\n')}</tbody></table>
</body></html>
`;
}
