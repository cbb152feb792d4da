import { describe, expect, it } from 'vitest';
import { IpcError, type SluiceApi } from '../../../main/ipc/contract';
import { importJobFile } from './import-job';

const api = (answer: (args: unknown) => unknown) =>
  ({
    invoke: async (_channel: string, args: unknown) => answer(args),
    on: () => () => undefined,
    ready: () => undefined,
  }) as unknown as SluiceApi;

describe('importJobFile', () => {
  it('saves the spec the file holds', async () => {
    const saved: unknown[] = [];
    const result = await importJobFile(
      api((args) => (saved.push(args), { name: 'copy' })),
      { name: 'copy.json', text: '{"name":"copy"}' },
    );
    expect(result).toEqual({ name: 'copy' });
    expect(saved).toEqual([{ spec: { name: 'copy' } }]);
  });

  it('names the file and every invalid field', async () => {
    const refuse = api(() => {
      throw new IpcError({
        name: 'InvalidInput',
        message: 'invalid',
        problems: [
          { path: 'spec.sink.type', message: 'expected one of none, topic, file' },
          { path: 'spec.name', message: 'required' },
        ],
      });
    });
    await expect(importJobFile(refuse, { name: 'bad.json', text: '{}' })).rejects.toThrow(
      'bad.json is not a valid job: sink.type: expected one of none, topic, file; name: required',
    );
  });

  it('says when the file is not JSON, without calling main', async () => {
    let calls = 0;
    await expect(
      importJobFile(
        api(() => (calls += 1)),
        { name: 'x.json', text: '{ nope' },
      ),
    ).rejects.toThrow(/^x\.json is not JSON: /);
    expect(calls).toBe(0);
  });
});
