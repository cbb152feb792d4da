import type { HintId } from '../errors/hint-ids.js';
import type { SluiceError } from '../errors/sluice-error.js';
import { HINT_CATALOGUE } from './catalogue.js';
import type { ConfigRule, HintEntry, ObservedState, SshFailure } from './catalogue-schema.js';

/** What is known about one failure, retry or observation, in the terms the matchers use. */
export interface HintFacts {
  kafkaCode?: string;
  kafkajsType?: string;
  errno?: string;
  sshFailure?: SshFailure;
  logMessage?: string;
  state?: ObservedState;
  /** Settings the job runs with, by Kafka name: `acks`, `replication.factor`, ... */
  settings?: Readonly<Record<string, string>>;
}

/** Every catalogue entry whose matchers the facts satisfy, in catalogue order. */
export function matchFacts(facts: HintFacts, catalogue: readonly HintEntry[] = HINT_CATALOGUE): HintId[] {
  return catalogue.filter((entry) => matches(entry, facts)).map((entry) => entry.id);
}

function matches(entry: HintEntry, facts: HintFacts): boolean {
  const m = entry.matchers;
  const has = (list: readonly string[] | undefined, value: string | undefined) =>
    list !== undefined && value !== undefined && list.includes(value);
  if (has(m.kafkaCodes, facts.kafkaCode)) return true;
  if (has(m.kafkajsTypes, facts.kafkajsType)) return true;
  if (has(m.errnos, facts.errno)) return true;
  if (has(m.sshFailures, facts.sshFailure)) return true;
  if (has(m.states, facts.state)) return true;
  const text = facts.logMessage;
  if (text !== undefined && m.logMessages?.some((needle) => text.includes(needle))) return true;
  const settings = facts.settings;
  if (settings && m.config?.some((group) => group.every((rule) => ruleHolds(rule, settings)))) return true;
  return false;
}

/** A rule about a setting that is not known never holds. */
export function ruleHolds(rule: ConfigRule, settings: Readonly<Record<string, string>>): boolean {
  const actual = settings[rule.setting];
  if (actual === undefined) return false;
  switch (rule.op) {
    case 'eq':
      return actual === rule.value;
    case 'ne':
      return actual !== rule.value;
    case 'lt':
      return isNumber(actual) && Number(actual) < Number(rule.value);
    case 'gt':
      return isNumber(actual) && Number(actual) > Number(rule.value);
    case 'lt-setting': {
      const other = settings[rule.value];
      return other !== undefined && isNumber(actual) && isNumber(other) && Number(actual) < Number(other);
    }
    case 'ne-setting': {
      const other = settings[rule.value];
      return other !== undefined && actual !== other;
    }
  }
}

const isNumber = (value: string): boolean => value.trim() !== '' && Number.isFinite(Number(value));

/**
 * The facts of a classified error: its protocol type and socket code (details), the kafkajs
 * class of its cause chain, and an SSH stage.
 */
export function factsOfError(error: SluiceError): HintFacts {
  const facts: HintFacts = {};
  const details = error.details ?? {};
  if (typeof details['type'] === 'string') facts.kafkaCode = details['type'];
  if (typeof details['code'] === 'string') facts.errno = details['code'];
  const stage = details['stage'];
  if (stage === 'connect' || stage === 'auth') facts.sshFailure = stage;
  if (stage === 'host-key') facts.sshFailure = 'expected' in details ? 'host-key-changed' : 'host-key-unknown';
  for (let e: unknown = error.cause, depth = 0; e && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    if (typeof name === 'string' && name.startsWith('KafkaJS') && name !== 'KafkaJSNumberOfRetriesExceeded') {
      facts.kafkajsType ??= name;
      const type = (e as { type?: unknown }).type;
      if (facts.kafkaCode === undefined && typeof type === 'string') facts.kafkaCode = type;
    }
  }
  facts.logMessage = error.message;
  return facts;
}

/**
 * The hint ids of an error. The classifier's hint (engine/errors) is the most precise and comes
 * first; the catalogue's matchers name hints for errors it left `unknown`.
 */
export function hintsForError(error: SluiceError): HintId[] {
  if (error.hintId !== 'unknown') return [error.hintId];
  const found = matchFacts(factsOfError(error));
  return found.length > 0 ? found : ['unknown'];
}
