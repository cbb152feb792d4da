// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the untyped deep import needs its declaration in every program that reaches this file (the renderer's too)
/// <reference path="./kafkajs-protocol-errors.d.ts" />
import protocolErrors from 'kafkajs/src/protocol/error.js';
import type { HintId } from '../errors/hint-ids.js';
import { matchFacts, type HintFacts } from './match.js';
import type { HintObservation } from './observation.js';

/** One kafkajs log entry as its logCreator receives it, flattened. */
export interface KafkaLogEntry {
  namespace: string;
  level: number;
  message: string;
  extra: Record<string, unknown>;
}

// kafkajs logs the errors it retries by their message text only ("Failed to send messages: This
// server is not the leader for that topic-partition"); its own table turns the text back into the
// protocol name. Longest first, so a message that contains a shorter one wins.
const MESSAGES = [...protocolErrors.errorCodes]
  .filter((row) => row.message.length >= 12)
  .sort((a, b) => b.message.length - a.message.length);

const ERRNO = /\b(E[A-Z]{3,}|ERR_[A-Z_]+|CERT_[A-Z_]+|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)\b/;
const UNRESOLVED = new Set(['ENOTFOUND', 'EAI_AGAIN']);

/** The facts in a kafkajs log line and its extras (`error`, `broker`). */
export function factsOfKafkaLog(entry: KafkaLogEntry): HintFacts {
  const text = textOf(entry);
  const facts: HintFacts = { logMessage: text };
  const row = MESSAGES.find((candidate) => text.includes(candidate.message));
  if (row) facts.kafkaCode = row.type;
  const errno = ERRNO.exec(text)?.[1];
  if (errno) facts.errno = errno;
  return facts;
}

export interface KafkaLogContext {
  /** The bootstrap servers the client was given: a broker outside them was advertised by the cluster. */
  bootstrap: readonly string[];
}

/**
 * The hints a kafkajs warning or error names, as retries: kafkajs logs what it retries by itself,
 * which otherwise never reaches the engine. Lines that match nothing give nothing.
 */
export function observeKafkaLog(entry: KafkaLogEntry, context: KafkaLogContext, at = Date.now()): HintObservation[] {
  const facts = factsOfKafkaLog(entry);
  let ids: HintId[] = matchFacts(facts);
  const broker = typeof entry.extra['broker'] === 'string' ? entry.extra['broker'] : undefined;
  // A name the cluster advertised that does not resolve here: the classic advertised-listener problem.
  if (broker && facts.errno && UNRESOLVED.has(facts.errno) && !context.bootstrap.includes(broker)) {
    ids = matchFacts({ state: 'advertised-broker-unresolvable' });
  }
  const base: Omit<HintObservation, 'hintId'> = { at, message: facts.logMessage!, origin: 'retry' };
  if (broker) base.broker = broker;
  if (typeof entry.extra['topic'] === 'string') base.topic = entry.extra['topic'];
  if (typeof entry.extra['partition'] === 'number') base.partition = entry.extra['partition'];
  return ids.map((hintId) => ({ ...base, hintId }));
}

function textOf(entry: KafkaLogEntry): string {
  const error = entry.extra['error'];
  const suffix = typeof error === 'string' && !entry.message.includes(error) ? `: ${error}` : '';
  return `${entry.message}${suffix}`;
}
