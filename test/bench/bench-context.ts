import type { RunDirs } from './bench-paths.js';

/** What every start function needs: the run's directories, the jars, and the run's abort signal. */
export interface BenchContext extends RunDirs {
  kafkaVersion: string;
  /** Directory of Kafka jars (`-cp '<jarsDir>/*'`); ZooKeeper comes from the same jars. */
  jarsDir: string;
  /** Aborted when another component failed, so this one stops waiting. */
  signal?: AbortSignal;
}
