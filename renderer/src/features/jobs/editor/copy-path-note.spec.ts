import { describe, expect, it } from 'vitest';
import { copyPathNote } from './copy-path-note';

const draft = (sink: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  version: 1,
  name: 'copy',
  source: { cluster: { profile: 'local' }, topics: ['in'], groupId: 'g' },
  sink,
  ...extra,
});
const ELIGIBLE = { type: 'kafka', topic: 'out', partitioner: 'source-partition', writeTimestamp: true };

describe('copyPathNote', () => {
  it('says shallow for a plain copy and names the blockers otherwise', () => {
    expect(copyPathNote(draft(ELIGIBLE))).toMatch(/^Copy path: shallow, record batches forwarded as bytes/);
    expect(copyPathNote(draft({ type: 'kafka', topic: 'out' }, { transform: { filter: 'true' } }))).toBe(
      'Copy path: record by record, because of transform.filter, sink.partitioner, sink.writeTimestamp (Lint says why)',
    );
  });

  it('says nothing for another sink or a draft that is not a valid spec', () => {
    expect(copyPathNote(draft({ type: 'none' }))).toBeUndefined();
    expect(copyPathNote(draft({ ...ELIGIBLE, topic: '' }))).toBeUndefined();
  });
});
