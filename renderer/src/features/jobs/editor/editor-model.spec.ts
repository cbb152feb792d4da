import { describe, expect, it } from 'vitest';
import { parseJobSpec } from '../../../../../engine/spec/index';
import {
  clusterChoiceAt,
  setClusterChoice,
  setDeliveryGuarantee,
  setName,
  setSinkType,
  setTopicMode,
  setVariant,
  topicModeOf,
  variantAt,
} from './editor-actions';
import { describeTimestamp, listText, numberText, optionalText, timestampText } from './field-codecs';
import { jobTemplates, templateDraft } from './job-templates';
import { choicesOf, defaultOf, kafkaSinkFields, sourceFields, unions } from './spec-choices';
import { getAt, setAt, type Draft } from './spec-draft';

const base = (): Draft => templateDraft('blank', { clusters: ['local'], now: 0 });

describe('spec draft paths', () => {
  it('sets through missing objects, and a removal prunes what it left empty', () => {
    const draft: Draft = { name: 'j' };
    setAt(draft, 'transform.filter', 'value > 1');
    expect(draft).toEqual({ name: 'j', transform: { filter: 'value > 1' } });
    setAt(draft, 'transform.filter', undefined);
    expect(draft).toEqual({ name: 'j' });
    setAt(draft, 'checkpoint.retain', undefined);
    expect(draft).toEqual({ name: 'j' });
  });

  it('reads and writes array rows by index', () => {
    const draft: Draft = { source: { startFrom: { offsets: [{ topic: 't', partition: 0, offset: 1 }] } } };
    setAt(draft, 'source.startFrom.offsets.0.offset', 7);
    expect(getAt(draft, ['source', 'startFrom', 'offsets', 0, 'offset'])).toBe(7);
    expect(getAt(draft, 'source.topics.0')).toBe(undefined);
  });
});

describe('field codecs', () => {
  it('keep what does not read as the type, so the schema can name it', () => {
    expect(numberText.fromText('5000')).toBe(5000);
    expect(numberText.fromText('soon')).toBe('soon');
    expect(numberText.fromText(' ')).toBe(undefined);
    expect(optionalText.fromText('')).toBe(undefined);
    expect(listText.fromText('a, b,,')).toEqual(['a', 'b']);
    expect(listText.toText(['a', 'b'])).toBe('a, b');
  });

  it('read a timestamp as milliseconds or ISO 8601, and show it in UTC', () => {
    expect(timestampText.fromText('1764597600000')).toBe(1_764_597_600_000);
    expect(timestampText.fromText('2025-12-01T14:00:00Z')).toBe(1_764_597_600_000);
    expect(timestampText.fromText('14:00')).toBe('14:00');
    expect(describeTimestamp(1_764_597_600_000)).toBe('2025-12-01T14:00:00Z (UTC)');
    expect(describeTimestamp('x')).toBe(undefined);
  });
});

describe('choices come from the job spec schema', () => {
  it('offers each enum and literal union with its default', () => {
    expect(choicesOf(kafkaSinkFields.acks)).toEqual(['all', 1, 0]);
    expect(defaultOf(kafkaSinkFields.acks)).toBe('all');
    expect(choicesOf(sourceFields.isolationLevel)).toEqual(['read_committed', 'read_uncommitted']);
    expect(defaultOf(kafkaSinkFields.idempotent)).toBe(true);
    expect(unions.startFrom.names).toEqual(['earliest', 'latest', 'timestamp', 'group-offsets', 'specific-offsets']);
    expect(unions.startFrom.defaultName).toBe('earliest');
    expect(unions.restart.defaultName).toBe('exponential-backoff');
    expect(defaultOf(unions.startFrom.fieldOf('group-offsets', 'fallback'))).toBe('none');
  });
});

describe('editor actions', () => {
  it('switches a variant keeping shared fields and starting required ones empty', () => {
    const draft = base();
    expect(variantAt(draft, 'source.startFrom', unions.startFrom)).toBe('earliest');
    setVariant(draft, 'source.startFrom', unions.startFrom, 'specific-offsets');
    expect(getAt(draft, 'source.startFrom')).toEqual({ mode: 'specific-offsets', offsets: [] });
    setAt(draft, 'source.startFrom.fallback', 'latest');
    setVariant(draft, 'source.startFrom', unions.startFrom, 'group-offsets');
    expect(getAt(draft, 'source.startFrom')).toEqual({ mode: 'group-offsets', fallback: 'latest' });
    setVariant(draft, 'source.stopAt', unions.stopAt, undefined);
    expect(getAt(draft, 'source.stopAt')).toBe(undefined);
    setSinkType(draft, 'file');
    expect(getAt(draft, 'sink')).toEqual({ type: 'file', path: '' });
  });

  it('takes topics or a pattern, never both', () => {
    const draft = base();
    setTopicMode(draft, 'pattern');
    expect(topicModeOf(draft)).toBe('pattern');
    expect(getAt(draft, 'source.topics')).toBe(undefined);
    setTopicMode(draft, 'topics');
    expect(getAt(draft, 'source')).toMatchObject({ topics: [] });
    expect(getAt(draft, 'source.topicPattern')).toBe(undefined);
  });

  it('defaults the transactional id prefix from the job name, and follows renames', () => {
    const draft = base();
    setName(draft, 'orders-copy');
    setDeliveryGuarantee(draft, 'exactly-once');
    expect(getAt(draft, 'sink.transactionalIdPrefix')).toBe('sluice-orders-copy');
    setName(draft, 'orders-copy-2');
    expect(getAt(draft, 'sink.transactionalIdPrefix')).toBe('sluice-orders-copy-2');
    setDeliveryGuarantee(draft, 'at-least-once');
    expect(getAt(draft, 'sink.transactionalIdPrefix')).toBe(undefined);
    setDeliveryGuarantee(draft, 'exactly-once');
    setAt(draft, 'sink.transactionalIdPrefix', 'mine');
    setName(draft, 'x');
    expect(getAt(draft, 'sink.transactionalIdPrefix')).toBe('mine');
  });

  it('picks a profile, inline bootstrap servers, or (for the sink) the source cluster', () => {
    const draft = base();
    expect(clusterChoiceAt(draft, 'sink.cluster')).toEqual({ kind: 'same' });
    setClusterChoice(draft, 'sink.cluster', { kind: 'profile', profile: 'staging' });
    expect(getAt(draft, 'sink.cluster')).toEqual({ profile: 'staging' });
    setClusterChoice(draft, 'source.cluster', { kind: 'inline' });
    expect(getAt(draft, 'source.cluster')).toEqual({ bootstrapServers: [] });
    setClusterChoice(draft, 'sink.cluster', { kind: 'same' });
    expect(getAt(draft, 'sink.cluster')).toBe(undefined);
  });
});

describe('job templates', () => {
  it.each(jobTemplates.filter((t) => t.id !== 'blank'))('$id is a spec the schema accepts', (template) => {
    const parsed = parseJobSpec(template.build({ clusters: ['prod', 'staging'], now: Date.UTC(2026, 0, 1, 14, 30) }));
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it('replays from the hour before, keeps timestamps, stops at the end', () => {
    const draft = templateDraft('replay', { clusters: ['prod'], now: Date.UTC(2026, 0, 1, 14, 30) });
    expect(getAt(draft, 'source.startFrom')).toEqual({ mode: 'timestamp', timestamp: Date.UTC(2026, 0, 1, 13) });
    expect(getAt(draft, 'source.stopAt')).toEqual({ mode: 'latest' });
    expect(getAt(draft, 'sink.writeTimestamp')).toBe(true);
  });

  it('copies to the second cluster exactly once, or to the same one when there is one', () => {
    expect(getAt(templateDraft('copy', { clusters: ['a', 'b'], now: 0 }), 'sink.cluster')).toEqual({ profile: 'b' });
    expect(getAt(templateDraft('copy', { clusters: ['a'], now: 0 }), 'sink.cluster')).toBe(undefined);
  });

  it('a blank job names every missing field', () => {
    const parsed = parseJobSpec(base());
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['name', 'source.topics', 'source.groupId', 'sink.topic']),
    );
  });
});
