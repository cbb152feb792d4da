import { describe, expect, it } from 'vitest';
import { DETAILED_CSV_MARK, formatDetailedCsv, formatOffsetsCsv } from './format-csv.js';
import { formatHtmlReport } from './format-html.js';
import { formatJsonReport } from './format-json.js';
import { lagChartSvg } from './lag-chart.js';
import { sampleReport } from './report-fixture.js';
import { summarize } from './report-schema.js';
import { reportFileName } from './write-report.js';

describe('report formats', () => {
  it("writes Kafka's topic,partition,offset CSV without a header, leaving out partitions without an offset", () => {
    expect(formatOffsetsCsv(sampleReport())).toBe('orders,0,120\norders,1,75\n');
    const group = sampleReport({ kind: 'group' });
    expect(formatOffsetsCsv(group)).toBe('orders,0,118\norders,1,75\n');
  });

  it('writes every column and the header fields in the detailed CSV', () => {
    const lines = formatDetailedCsv(sampleReport()).trimEnd().split('\n');
    expect(lines[0]).toBe(DETAILED_CSV_MARK);
    expect(lines).toContain('"# checkpoint: 42"');
    expect(lines).toContain('"# job: orders-replay"');
    expect(lines).toContain('"# report taken at: 2023-11-14T22:14:20.000Z"');
    const header = lines.indexOf(
      'topic,partition,offset,checkpointed_offset,committed_offset,log_start_offset,log_end_offset,lag,timestamp_at_offset',
    );
    expect(lines.slice(header + 1)).toEqual([
      'orders,0,120,120,118,0,150,30,2023-11-14T22:13:10.000Z',
      'orders,1,75,75,75,10,75,0,',
      'orders,2,,,,0,9,,',
    ]);
  });

  it('refuses to write a JSON report that breaks its own schema', () => {
    expect(JSON.parse(formatJsonReport(sampleReport())).version).toBe(1);
    const bad = sampleReport({ cluster: '' });
    expect(() => formatJsonReport(bad)).toThrow(/cluster/);
  });

  it('summarizes lag: total, largest, partitions without an offset', () => {
    expect(summarize(sampleReport())).toEqual({
      partitions: 3,
      totalLag: 30,
      withoutOffset: 1,
      maxLag: { topic: 'orders', partition: 0, lag: 30 },
    });
  });

  it('prints a self-contained HTML report with the summary, chart and table, escaping names', () => {
    const html = formatHtmlReport(sampleReport({ job: '<script>x</script>' }));
    expect(html).not.toMatch(/<script>|src=|href=|@import|url\(/);
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toMatch(/Total lag <b>30<\/b>/);
    expect(html).toMatch(/<svg[^>]*aria-label="Lag per partition"/);
    expect(html).toContain(
      '<td>orders</td><td>0</td><td>120</td><td>120</td><td>118</td><td>0</td><td>150</td><td>30</td>',
    );
    expect(html.indexOf('Total lag')).toBeLessThan(html.indexOf('<table>'));
    // Partition 1 has no record at its offset (the log end): its timestamp is unknown, not blank.
    expect(html).toContain(
      '<td>orders</td><td>1</td><td>75</td><td>75</td><td>75</td><td>10</td><td>75</td><td>0</td><td>unknown</td>',
    );
  });

  it('draws the largest lags first and sums the rest into one bar', () => {
    const rows = Array.from({ length: 5 }, (_, i) => ({ ...sampleReport().partitions[0]!, partition: i, lag: i * 10 }));
    const svg = lagChartSvg(rows, { maxBars: 2 });
    const labels = [...svg.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(labels).toEqual(['orders/4', 'orders/3', '3 more partitions']);
    expect(svg).toMatch(/>30<\/text><\/svg>$/);
  });

  it('suggests file names that say what the report is', () => {
    expect(reportFileName(sampleReport(), 'offsets-csv')).toBe('sluice-job-orders-replay-cp42-offsets.csv');
    expect(reportFileName(sampleReport({ kind: 'group', groupId: 'a/b' }), 'pdf')).toBe('sluice-group-a_b-cp42.pdf');
  });
});
