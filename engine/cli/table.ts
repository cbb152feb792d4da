/** A report column: data, so the table, CSV and JSON views of a report share one definition. */
export interface Column<Row> {
  /** Table header. */
  header: string;
  /** CSV header and JSON key. */
  key: string;
  align: 'left' | 'right';
  /** The raw value (numbers stay numbers in JSON; null is "-" in a table and empty in CSV). */
  value(row: Row): string | number | boolean | null;
  /** How the table shows the value, when not as the raw value. */
  display?(row: Row): string;
}

export function formatTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => columns.map((column) => cellText(column, row)));
  const widths = columns.map((column, c) => Math.max(column.header.length, ...cells.map((line) => line[c]!.length)));
  const render = (line: string[]) =>
    line
      .map((text, c) => (columns[c]!.align === 'right' ? text.padStart(widths[c]!) : text.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [render(columns.map((column) => column.header)), ...cells.map(render)].join('\n');
}

export function toRecords<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(columns.map((column) => [column.key, column.value(row)])));
}

function cellText<Row>(column: Column<Row>, row: Row): string {
  if (column.display) return column.display(row);
  const value = column.value(row);
  return value === null ? '-' : String(value);
}
