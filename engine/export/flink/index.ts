export { describeExportProblem, type ExportProblem } from './export-problem.js';
export {
  exportFlinkSql,
  FLINK_KAFKA_CONNECTOR_VERSION,
  FLINK_VERSION,
  SINK_TABLE,
  SOURCE_TABLE,
  type FlinkExport,
  type FlinkExportInput,
} from './flink-script.js';
export { translateFilter, translateMap } from './jsonata-sql.js';
export { exportJobToFlink, type ExportJobOptions } from './export-job.js';
