import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-outlet';
import { createAppServices, type AppServicesOptions } from '../services/app-services';
import { createFileKeyCipher } from '../services/secrets/secret-cipher';
import { createSaveFileHandler } from './save-dialog';

// The desktop channels as both shells serve them: through the dispatcher, like a renderer call.
async function setup(extra: Partial<AppServicesOptions> = {}) {
  const dataDir = await mkdtemp(join(tmpdir(), 'sluice-desktop-'));
  const hub = new EventHub((m) => {
    throw new Error(m);
  });
  const services = createAppServices({
    dataDir,
    cipher: await createFileKeyCipher(join(dataDir, 'secret.key')),
    hub,
    info: { name: 'Sluice', version: '1.0.0', shell: 'browser', platform: 'linux' },
    ...extra,
  });
  return { dataDir, hub, services, dispatch: createDispatcher(services.handlers) };
}

describe('desktop channels', () => {
  it('answers files:save in browser mode with UnavailableInShell, so the renderer downloads instead', async () => {
    const { dispatch, services } = await setup();
    expect(await dispatch('files:save', { suggestedName: 'a.csv', content: 'x' })).toEqual({
      error: { name: 'UnavailableInShell', message: 'files:save is only available in the desktop app' },
    });
    await services.close();
  });

  it('validates files:save before any dialog opens, naming the field', async () => {
    let dialogs = 0;
    const { dispatch, services } = await setup({
      saveFile: async () => {
        dialogs += 1;
        return { saved: false };
      },
    });
    const reply = await dispatch('files:save', { suggestedName: '/etc/passwd', content: 'x' });
    expect(reply).toMatchObject({ error: { name: 'InvalidInput', problems: [{ path: 'suggestedName' }] } });
    expect(dialogs).toBe(0);
    await services.close();
  });

  it('saves through the dialog handler in the desktop shell', async () => {
    const target = join(await mkdtemp(join(tmpdir(), 'sluice-out-')), 'lag.csv');
    const { dispatch, services } = await setup({
      saveFile: createSaveFileHandler({
        defaultDir: tmpdir(),
        showSaveDialog: async () => ({ canceled: false, filePath: target }),
      }),
    });
    expect(await dispatch('files:save', { suggestedName: 'lag.csv', content: 'a,b\n' })).toEqual({
      result: { saved: true, path: target },
    });
    expect(await readFile(target, 'utf8')).toBe('a,b\n');
    await services.close();
  });

  it('keeps the theme preference, tells the shell, and refuses unknown themes', async () => {
    const seen: string[] = [];
    const { dispatch, services, dataDir } = await setup({ onPreferences: (p) => seen.push(p.theme) });
    expect(await dispatch('preferences:get', undefined)).toEqual({
      result: { theme: 'system', refreshIntervalMs: 2000 },
    });
    expect(await dispatch('preferences:set', { theme: 'dark' })).toEqual({
      result: { theme: 'dark', refreshIntervalMs: 2000 },
    });
    expect(await dispatch('preferences:set', { theme: 'neon' })).toMatchObject({
      error: { name: 'InvalidInput', problems: [{ path: 'theme' }] },
    });
    expect(seen).toEqual(['dark']);
    expect(JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')).preferences.theme).toBe('dark');
    await services.close();
  });

  it('accepts only known menu actions on app:menu', async () => {
    const problems: string[] = [];
    const hub = new EventHub((m) => problems.push(m));
    hub.emit('app:menu', { action: 'job:open', job: 'copy' });
    hub.emit('app:menu', { action: 'rm -rf' } as never);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/event app:menu does not match the contract/);
  });
});
