// What the first-run panel says about the sandbox broker in each state, as data (a unit spec reads it).
import type { SandboxStatus } from '../../../../main/ipc/contract';

export interface SandboxView {
  /** One sentence on what the sandbox is or why it cannot run. */
  text: string;
  /** The button the state offers, if any. */
  action?: { id: 'start' | 'recheck' | 'open-job'; label: string };
  busy: boolean;
  problem: boolean;
}

export function sandboxView(status: SandboxStatus | undefined): SandboxView {
  if (!status) return { text: 'Looking for Java and a local broker…', busy: true, problem: false };
  const at = status.bootstrap;
  switch (status.state) {
    case 'stopped':
      return {
        text:
          `Starts Kafka ${status.kafkaVersion ?? ''} on ${at} with demo topics (orders, payments, metrics), saves it as a ` +
          `cluster and runs a demo job that copies the paid orders. Uses Java ${status.java ?? ''} from this machine.` +
          (status.download ? ' The first start downloads Kafka with Maven (about 120 MB).' : '') +
          (status.message ? ` ${status.message}` : ''),
        action: { id: 'start', label: 'Start the sandbox' },
        busy: false,
        problem: false,
      };
    case 'starting':
      return { text: `${status.message ?? 'Starting'} on ${at}…`, busy: true, problem: false };
    case 'running':
      return {
        text: `The sandbox runs at ${at}, saved as the cluster "${status.cluster ?? ''}"; the demo job "${status.job ?? ''}" is running.`,
        action: { id: 'open-job', label: 'Open the demo job' },
        busy: false,
        problem: false,
      };
    case 'failed':
      return {
        text: status.message ?? 'The sandbox did not start.',
        action: { id: 'start', label: 'Try again' },
        busy: false,
        problem: true,
      };
    case 'unavailable':
      return status.reason === 'no-java'
        ? {
            text:
              `The sandbox broker needs Java 17 or newer: ${status.message ?? 'none was found.'} ` +
              'For example `apt install openjdk-17-jre-headless`, or Temurin from adoptium.net; then check again.',
            action: { id: 'recheck', label: 'Check again' },
            busy: false,
            problem: true,
          }
        : { text: status.message ?? 'The sandbox broker is not available here.', busy: false, problem: true };
  }
}
