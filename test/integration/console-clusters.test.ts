import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../main/ipc/contract.js';
import { invokeInPage } from '../bench/chromium.js';
import { benchShape, createTopic, produceN, uniqueName, waitFor } from '../bench/helpers.js';
import { kcatConsume } from '../bench/kcat.js';
import { repoRoot, startConsole, type Console } from '../e2e/console-kit.js';
import { ClustersPage } from '../e2e/pages/ClustersPage.js';

// The Clusters screen against real peers: a profile that reaches the kraft broker through the
// bench's sshd, tested step by step in the page; the jump host's unknown key is trusted from the
// prompt; the passphrase typed in an edit is stored encrypted; deleting removes its secret too.

let app: Console;
let page: ClustersPage;
const cluster = uniqueName('clusters-e2e');

beforeAll(async () => {
  app = await startConsole();
  page = new ClustersPage(app.browser);
  await app.browser.url(app.mode.server.url);
  await page.open();
});

afterAll(async () => {
  await app?.close();
});

const screenshot = async (name: string) => {
  const dir = join(repoRoot, 'test-results', 'e2e');
  mkdirSync(dir, { recursive: true });
  await app.browser.saveScreenshot(join(dir, name));
};
const settings = () => readFileSync(join(app.dataDir, 'settings.json'), 'utf8');
interface SavedProfile {
  name: string;
  description?: string;
  ssh?: {
    auth: { type: string; path?: string; passphrase?: { secret: string } };
    hostKey?: { knownHostsFile?: string; fingerprint?: string };
  };
}
const savedProfile = () =>
  (JSON.parse(settings()) as { clusters: SavedProfile[] }).clusters.find((c) => c.name === cluster);

describe('clusters screen', () => {
  it('adds a cluster behind an SSH jump host, trusts its key from the prompt, and passes the test live', async () => {
    const sshd = benchShape('sshd');
    const kraft = benchShape('kraft');
    await page.add({
      name: cluster,
      bootstrapServers: kraft.bootstrap,
      sshEnabled: true,
      sshHost: sshd.host,
      sshPort: 'twenty-two',
      sshUser: sshd.user,
      sshAuthType: 'private-key',
      sshKeyPath: sshd.privateKeyPath,
      // A known_hosts file that does not exist trusts nothing: the key must be decided on.
      sshKnownHostsFile: join(app.dataDir, 'known_hosts'),
    });
    await page.save();
    expect(await page.fieldError('sshPort')).toBe('expected a whole number, not "twenty-two"');
    expect(savedProfile()).toBeUndefined();

    await page.fill({ sshPort: String(sshd.port) });
    await page.recordSteps();
    expect(await page.saveAndTest(cluster)).toBe(`Cannot reach ${cluster}`);
    await page.hostKeyPrompt().waitForDisplayed();
    expect(await page.hostKey()).toEqual({ type: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint });
    expect(await page.steps(cluster)).toEqual([
      'ssh-connect:ok',
      'host-key:failed',
      'ssh-auth:skipped',
      'bootstrap:skipped',
      'metadata:skipped',
    ]);
    await screenshot('clusters-host-key.png');

    await page.recordSteps();
    expect(await page.trustHostKey(cluster)).toBe(`Connected to ${cluster}`);
    expect(await page.steps(cluster)).toEqual([
      'ssh-connect:ok',
      'host-key:ok',
      'ssh-auth:ok',
      'bootstrap:ok',
      'metadata:ok',
      'broker:ok',
    ]);
    // The page showed each step running before it ended.
    const seen = await page.recordedSteps();
    for (const step of ['ssh-connect', 'bootstrap', 'metadata', 'broker']) {
      expect(seen).toContain(`${step}:running`);
      expect(seen.indexOf(`${step}:running`)).toBeLessThan(seen.indexOf(`${step}:ok`));
    }
    expect(savedProfile()?.ssh?.hostKey).toEqual({
      knownHostsFile: join(app.dataDir, 'known_hosts'),
      fingerprint: sshd.hostKeyFingerprint,
    });
    await screenshot('clusters-connected.png');
  });

  it('refuses a changed host key with both fingerprints and offers no trust', async () => {
    const sshd = benchShape('sshd');
    const wrong = `SHA256:${'A'.repeat(43)}`;
    await page.edit(cluster, { sshFingerprint: wrong });
    expect(await page.saveAndTest(cluster)).toBe(`Cannot reach ${cluster}`);
    const refusal = app.browser.$('section[aria-label="Host key refused"]');
    await refusal.waitForDisplayed();
    expect(await refusal.$('h4').getText()).toContain('has CHANGED');
    expect(await refusal.$('[data-testid="host-key-fingerprint"]').getText()).toBe(
      `ssh-ed25519 ${sshd.hostKeyFingerprint}`,
    );
    expect(await refusal.$('[data-testid="host-key-expected"]').getText()).toBe(wrong);
    expect(await app.browser.$('button=Trust and save').isExisting()).toBe(false);
    await screenshot('clusters-host-key-changed.png');
    expect(savedProfile()?.ssh?.hostKey?.fingerprint).toBe(wrong);

    await page.edit(cluster, { sshFingerprint: sshd.hostKeyFingerprint });
    expect(await page.saveAndTest(cluster)).toBe(`Connected to ${cluster}`);
  });

  it('edits the profile with a passphrase stored encrypted, keeps it on the next edit, then deletes both', async () => {
    const sshd = benchShape('sshd');
    await page.edit(cluster, {
      description: 'kraft through the bench sshd',
      sshKeyPath: sshd.passphraseKeyPath,
      sshPassphrase: sshd.passphrase,
    });
    expect(await page.saveAndTest(cluster)).toBe(`Connected to ${cluster}`);
    const profile = savedProfile();
    expect(profile?.description).toBe('kraft through the bench sshd');
    const ref = String(profile?.ssh?.auth.passphrase?.secret);
    expect(ref).toMatch(new RegExp(`^store:${cluster}/sshPassphrase-`));
    expect(settings()).not.toContain(sshd.passphrase);
    const secretId = ref.slice('store:'.length);
    expect(Object.keys(JSON.parse(settings()).secrets)).toContain(secretId);

    // Edited again without typing it: the form says it is stored, and saving keeps it.
    await page.edit(cluster, { description: 'edited twice' });
    expect(await page.fieldHint('sshPassphrase')).toBe('stored (encrypted); type to replace it');
    await screenshot('clusters-edit.png');
    expect(await page.saveAndTest(cluster)).toBe(`Connected to ${cluster}`);
    expect(savedProfile()?.ssh?.auth.passphrase?.secret).toBe(ref);

    // A job on this profile runs in its own process: it gets the stored passphrase from main, opens
    // its own SSH connection with the pinned host key, and copies every record through the tunnel.
    const kraft = benchShape('kraft');
    const source = await createTopic(kraft.bootstrap, { partitions: 2 });
    const sink = await createTopic(kraft.bootstrap, { partitions: 2 });
    await produceN(kraft.bootstrap, source, 50);
    const job = uniqueName('ssh-job');
    await invokeInPage(app.browser, 'jobs:save', {
      spec: {
        version: 1,
        name: job,
        source: {
          cluster: { profile: cluster },
          topics: [source],
          groupId: uniqueName('ssh'),
          stopAt: { mode: 'latest' },
        },
        sink: { type: 'kafka', topic: sink },
        restart: { strategy: 'none' },
      },
    });
    await invokeInPage(app.browser, 'jobs:start', { name: job });
    const ended = await waitFor(
      async () => {
        const status = (await invokeInPage<JobStatus[]>(app.browser, 'jobs:list', undefined)).find(
          (j) => j.name === job,
        );
        return status && ['finished', 'failed'].includes(status.state) ? status : undefined;
      },
      { timeoutMs: 60_000, message: `job ${job} to end` },
    );
    expect(ended.error).toBeUndefined();
    expect(ended.state).toBe('finished');
    expect(await kcatConsume(kraft.bootstrap, sink)).toHaveLength(50);

    expect(await page.delete(cluster)).toContain(`Delete the cluster profile "${cluster}"?`);
    expect(await page.names()).not.toContain(cluster);
    expect(savedProfile()).toBeUndefined();
    expect(Object.keys(JSON.parse(settings()).secrets)).not.toContain(secretId);
  });
});
