import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventChannelNames, invokeChannelNames } from './channel-names';
import { eventContract, invokeContract } from './contract';

describe('IPC contract', () => {
  it('lists exactly the channels the contract declares, for the preload', () => {
    expect([...invokeChannelNames].sort()).toEqual(Object.keys(invokeContract).sort());
    expect([...eventChannelNames].sort()).toEqual(Object.keys(eventContract).sort());
  });

  it('keeps the preload free of modules a sandboxed preload cannot load', () => {
    for (const file of ['channel-names.ts', '../preload/index.ts']) {
      const source = readFileSync(join(import.meta.dirname, file), 'utf8');
      const runtimeImports = [...source.matchAll(/^import (?!type )[^;]*from '([^']+)'/gm)].map((m) => m[1]);
      expect(runtimeImports.filter((m) => m !== 'electron' && m !== '../ipc/channel-names')).toEqual([]);
    }
  });
});
