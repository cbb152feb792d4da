/**
 * The local sandbox broker as the console's first run sees it:
 * - `unavailable`: no checkout (an installed app) or no Java 17+; `message` says which and why;
 * - `stopped`: it can be started (`download` when Kafka's jars must come from Maven first);
 * - `starting`: the script runs; `lines` is the end of what it printed;
 * - `running`: the broker answers, its profile is saved as `cluster`, and the demo `job` runs;
 * - `failed`: it did not start or stopped; `message` says why.
 */
export interface SandboxStatus {
  state: 'unavailable' | 'stopped' | 'starting' | 'running' | 'failed';
  bootstrap: string;
  reason?: 'no-checkout' | 'no-java' | 'check-failed';
  message?: string;
  java?: string;
  kafkaVersion?: string;
  download?: boolean;
  cluster?: string;
  job?: string;
  lines: string[];
}
