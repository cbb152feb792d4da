import { describe, expect, it } from 'vitest';
import { BenchError } from './bench-error.js';
import { selectShapes } from './bench-start.js';

describe('selectShapes', () => {
  it('starts every shape unless SLUICE_BENCH_SHAPES narrows it', () => {
    expect(selectShapes(undefined)).toEqual(['kraft', 'zk', 'cluster3', 'sshd']);
    expect(selectShapes(' ')).toEqual(['kraft', 'zk', 'cluster3', 'sshd']);
    expect(selectShapes('sshd, kraft,kraft')).toEqual(['sshd', 'kraft']);
  });

  it('rejects a shape it does not know, listing the known ones', () => {
    expect(() => selectShapes('kraft,zookeeper')).toThrow(BenchError);
    expect(() => selectShapes('kraft,zookeeper')).toThrow(
      /unknown shape\(s\) zookeeper .* known: kraft, zk, cluster3, sshd/,
    );
  });
});
