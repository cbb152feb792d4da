import { describe, expect, it } from 'vitest';
import { spliceSection } from './section-splice.js';

const file = ['# Benchmarks', '', '## A', 'a old', '', '## B', 'b', ''].join('\n');

describe('spliceSection', () => {
  it('replaces the section up to the next heading and keeps the rest byte for byte', () => {
    expect(spliceSection(file, '## A\na new\n')).toBe(
      ['# Benchmarks', '', '## A', 'a new', '', '## B', 'b', ''].join('\n'),
    );
  });

  it('replaces the last section up to the end of the file', () => {
    expect(spliceSection(file, '## B\nb new\n\n\n')).toBe(
      ['# Benchmarks', '', '## A', 'a old', '', '## B', 'b new', ''].join('\n'),
    );
  });

  it('appends a section the file does not have, after one blank line', () => {
    expect(spliceSection(file, '## C\nc')).toBe(`${file}\n## C\nc\n`);
    expect(spliceSection('', '## C\nc')).toBe('## C\nc\n');
  });

  it('matches the whole heading line, not a prefix of another heading', () => {
    const longer = '## A longer\nx\n';
    expect(spliceSection(longer, '## A\ny\n')).toBe('## A longer\nx\n\n## A\ny\n');
  });

  it('refuses a section without a "## " heading, naming what it got', () => {
    expect(() => spliceSection(file, 'plain text')).toThrow(
      'a section must start with a "## " heading, not "plain text"',
    );
  });
});
