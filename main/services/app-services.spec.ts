import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invokeChannels } from '../ipc/contract';
import { createDispatcher } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-outlet';
import { createAppServices } from './app-services';
import { createFileKeyCipher } from './secrets/secret-cipher';

async function setup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-app-'));
  const services = createAppServices({
    dataDir,
    cipher: await createFileKeyCipher(join(dataDir, 'secret.key')),
    hub: new EventHub(),
    info: { name: 'Sluice', version: '1.2.3', shell: 'browser', platform: 'linux' },
  });
  return { services, dispatch: createDispatcher(services.handlers), dataDir };
}

describe('createAppServices', () => {
  it('answers every contract channel', async () => {
    const { services } = await setup();
    expect(Object.keys(services.handlers).sort()).toEqual([...invokeChannels].sort());
    await services.close();
  });

  it('keeps clusters, secrets and jobs through the dispatcher, secrets encrypted on disk', async () => {
    const { services, dispatch, dataDir } = await setup();
    expect(await dispatch('app:info', undefined)).toMatchObject({ result: { secretBackend: 'aes-256-gcm' } });
    const ref = await dispatch('secrets:set', { id: 'local/sasl', value: 'hunter2' });
    expect(ref).toEqual({ result: { secret: 'store:local/sasl' } });
    await dispatch('clusters:save', {
      profile: {
        name: 'local',
        bootstrapServers: ['127.0.0.1:9092'],
        sasl: { mechanism: 'plain', username: 'u', password: { secret: 'store:local/sasl' } },
      },
    });
    await dispatch('jobs:save', {
      spec: {
        version: 1,
        name: 'j',
        source: { cluster: { profile: 'local' }, topics: ['t'], groupId: 'g' },
        sink: { type: 'none' },
      },
    });
    expect(await dispatch('jobs:list', undefined)).toMatchObject({ result: [{ name: 'j', state: 'idle' }] });
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).not.toContain('hunter2');
    expect(await dispatch('jobs:checkpoints', { name: 'j' })).toEqual({ result: [] });
    await services.close();
  });
});
