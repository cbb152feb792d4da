import { describe, expect, it } from 'vitest';
import { BenchError } from './bench-error.js';
import { selectShapes } from './bench-start.js';

describe('selectShapes', () => {
  it('starts every shape but the Kafka 4.x node unless SLUICE_BENCH_SHAPES names them', () => {
    expect(selectShapes(undefined)).toEqual(['kraft', 'zk', 'cluster3', 'sshd']);
    expect(selectShapes(' ')).toEqual(['kraft', 'zk', 'cluster3', 'sshd']);
    expect(selectShapes('sshd, kraft,kraft')).toEqual(['sshd', 'kraft']);
    expect(selectShapes('kraft4,zk')).toEqual(['kraft4', 'zk']);
  });

  it('rejects a shape it does not know, listing the known ones', () => {
    expect(() => selectShapes('kraft,zookeeper')).toThrow(BenchError);
    expect(() => selectShapes('kraft,zookeeper')).toThrow(
      /unknown shape\(s\) zookeeper .* known: kraft, kraft4, zk, cluster3, sshd/,
    );
  });
});
