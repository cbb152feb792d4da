import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HINT_IDS } from '../errors/hint-ids.js';
import { CLIENT_ERRORS } from '../errors/kafkajs-errors.js';
import { PROTOCOL_ERRORS } from '../errors/protocol-errors.js';
import { SYSTEM_ERRORS } from '../errors/system-errors.js';
import { HINT_CATALOGUE, hintEntry } from './catalogue.js';
import { hintCatalogueSchema, hintEntrySchema } from './catalogue-schema.js';

describe('the hint catalogue', () => {
  it('passes its schema', () => {
    const result = hintCatalogueSchema.safeParse(HINT_CATALOGUE);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('has one entry for every hint id, read at run time', () => {
    const ids = HINT_CATALOGUE.map((entry) => entry.id);
    expect([...ids].sort()).toEqual([...HINT_IDS].sort());
  });

  it('the schema rejects a bad entry, naming the field', () => {
    const bad = { ...HINT_CATALOGUE[0]!, severity: 'fatal', docs: 'http://example.com' };
    const result = hintEntrySchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['docs', 'severity']);
    const unbalanced = hintCatalogueSchema.safeParse([{ ...HINT_CATALOGUE[0]!, remedy: 'set `acks to all please' }]);
    expect(unbalanced.error?.issues[0]?.message).toBe('unbalanced `backticks`');
    const duplicate = hintCatalogueSchema.safeParse([HINT_CATALOGUE[0], HINT_CATALOGUE[0]]);
    expect(duplicate.error?.issues[0]?.message).toMatch(/duplicate id/);
  });

  it('lists every protocol error under the entry the classifier gives it', () => {
    for (const row of PROTOCOL_ERRORS) {
      expect(hintEntry(row.hintId).matchers.kafkaCodes, `${row.type} → ${row.hintId}`).toContain(row.type);
    }
  });

  it('lists every socket and file code under the entry the classifier gives it', () => {
    for (const [code, row] of Object.entries(SYSTEM_ERRORS)) {
      expect(hintEntry(row.hintId).matchers.errnos, `${code} → ${row.hintId}`).toContain(code);
    }
  });

  it('lists every kafkajs client error class under the entry the classifier gives it', () => {
    for (const row of CLIENT_ERRORS) {
      const name = (row.errorClass as unknown as { name: string }).name;
      expect(hintEntry(row.hintId).matchers.kafkajsTypes, `${name} → ${row.hintId}`).toContain(name);
    }
  });

  it('covers the reference troubleshooting settings with exact names', () => {
    const loss = hintEntry('data-loss-risk');
    for (const setting of ['acks', 'log.flush.interval.messages', 'log.flush.interval.ms', 'log.flush.*']) {
      expect(`${loss.cause} ${loss.remedy}`).toContain(setting);
    }
    const election = hintEntry('leader-election');
    expect(election.retriable).toBe(true);
    expect(election.remedy).toContain('`max.in.flight.requests.per.connection=1`');
    expect(election.remedy).toContain('`retries`');
    expect(hintEntry('advertised-listener-unreachable').cause).toContain('advertised.host.name');
  });

  it('links only to README sections that exist', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    // GitHub's anchors: lower case, punctuation dropped, spaces to dashes.
    const anchors = new Set(
      [...readme.matchAll(/^#+ (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const entry of HINT_CATALOGUE.filter((e) => e.docs.startsWith('README.md#'))) {
      expect(anchors, `${entry.id}: ${entry.docs}`).toContain(entry.docs.slice('README.md#'.length));
    }
  });

  it('falls back to the unknown entry for an id it does not know', () => {
    expect(hintEntry('from-a-newer-engine').id).toBe('unknown');
  });
});
