// The export formats as plain data (no Node imports): the renderer's format picker reads them too.

export const REPORT_FORMATS = ['offsets-csv', 'csv', 'json', 'html', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_FORMAT_INFO: Readonly<Record<ReportFormat, { extension: string; mime: string; label: string }>> = {
  'offsets-csv': { extension: 'csv', mime: 'text/csv', label: 'Offsets CSV (kafka-consumer-groups --from-file)' },
  csv: { extension: 'csv', mime: 'text/csv', label: 'Detailed CSV (every column)' },
  json: { extension: 'json', mime: 'application/json', label: 'JSON (versioned schema)' },
  html: { extension: 'html', mime: 'text/html', label: 'Printable report (HTML)' },
  pdf: { extension: 'pdf', mime: 'application/pdf', label: 'Printable report (PDF)' },
};
