// Edits of the draft that touch more than one key: switching a union's variant, topics or a
// pattern, the delivery guarantee (with its transactional id prefix), the job's name, a cluster.
import { z } from 'zod';
import { getAt, setAt, type Draft } from './spec-draft';
import { unions, type UnionInfo } from './spec-choices';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The variant the draft has at `path` (or the schema's default when it leaves it out). */
export function variantAt(draft: Draft, path: string, union: UnionInfo): string | undefined {
  const value = getAt(draft, path);
  const name = isObject(value) ? value[union.key] : undefined;
  return typeof name === 'string' ? name : union.defaultName;
}

/**
 * Switches to another variant, keeping the fields both variants have. Fields the new variant
 * requires start empty ("" or []), so the schema names what is missing beside its field.
 * `undefined` removes the object.
 */
export function setVariant(draft: Draft, path: string, union: UnionInfo, name: string | undefined): void {
  if (name === undefined) return setAt(draft, path, undefined);
  const old = getAt(draft, path);
  const next: Record<string, unknown> = { [union.key]: name };
  if (isObject(old)) {
    for (const key of union.keysOf(name)) if (old[key] !== undefined) next[key] = old[key];
  }
  for (const key of union.keysOf(name)) {
    const field = union.fieldOf(name, key);
    if (next[key] !== undefined) continue;
    if (field instanceof z.ZodString) next[key] = '';
    else if (field instanceof z.ZodArray) next[key] = [];
  }
  setAt(draft, path, next);
}

export type TopicMode = 'topics' | 'pattern';

export const topicModeOf = (draft: Draft): TopicMode =>
  getAt(draft, 'source.topicPattern') !== undefined && getAt(draft, 'source.topics') === undefined
    ? 'pattern'
    : 'topics';

/** The schema takes exactly one of `topics` and `topicPattern`. */
export function setTopicMode(draft: Draft, mode: TopicMode): void {
  if (mode === topicModeOf(draft)) return;
  if (mode === 'pattern') {
    setAt(draft, 'source.topics', undefined);
    setAt(draft, 'source.topicPattern', '');
  } else {
    setAt(draft, 'source.topicPattern', undefined);
    setAt(draft, 'source.topics', []);
  }
}

/** The transactional id prefix (and consumer group) a job gets from its name: `sluice-<name>`. */
export const nameDerived = (name: unknown): string => `sluice-${typeof name === 'string' && name ? name : 'job'}`;

/**
 * Exactly-once needs a transactional id prefix: it defaults from the job's name, and that default
 * goes again when another guarantee is chosen (a prefix the operator typed stays).
 */
export function setDeliveryGuarantee(draft: Draft, guarantee: string | undefined): void {
  setAt(draft, 'sink.deliveryGuarantee', guarantee);
  const prefix = getAt(draft, 'sink.transactionalIdPrefix');
  if (guarantee === 'exactly-once' && !prefix) {
    setAt(draft, 'sink.transactionalIdPrefix', nameDerived(getAt(draft, 'name')));
  } else if (guarantee !== 'exactly-once' && prefix === nameDerived(getAt(draft, 'name'))) {
    setAt(draft, 'sink.transactionalIdPrefix', undefined);
  }
}

/** Renames the job; the group id and transactional id prefix follow while they are the defaults. */
export function setName(draft: Draft, name: string): void {
  const before = nameDerived(getAt(draft, 'name'));
  setAt(draft, 'name', name);
  for (const path of ['source.groupId', 'sink.transactionalIdPrefix']) {
    if (getAt(draft, path) === before) setAt(draft, path, nameDerived(name));
  }
}

/** A cluster as the editor offers it: a saved profile, inline bootstrap servers, or (sink) the source's. */
export type ClusterChoice = { kind: 'profile'; profile: string } | { kind: 'inline' } | { kind: 'same' };

export function clusterChoiceAt(draft: Draft, path: string): ClusterChoice {
  const ref = getAt(draft, path);
  if (!isObject(ref)) return { kind: 'same' };
  if (typeof ref['profile'] === 'string') return { kind: 'profile', profile: ref['profile'] };
  return { kind: 'inline' };
}

export function setClusterChoice(draft: Draft, path: string, choice: ClusterChoice): void {
  if (choice.kind === 'same') return setAt(draft, path, undefined);
  if (choice.kind === 'profile') return setAt(draft, path, { profile: choice.profile });
  if (clusterChoiceAt(draft, path).kind !== 'inline') setAt(draft, path, { bootstrapServers: [] });
}

/** The sink's type: Kafka, a file, or none. */
export const setSinkType = (draft: Draft, type: string): void => setVariant(draft, 'sink', unions.sink, type);
