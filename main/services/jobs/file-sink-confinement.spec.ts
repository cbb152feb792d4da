import { mkdir, mkdtemp, realpath, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../engine/job/index';
import { parseJobSpec, type JobSpec } from '../../../engine/spec/index';
import { confineFileSinkPath } from './file-sink-confinement';
import { JobsService } from './jobs-service';

async function dirs() {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'sluice-sinks-')));
  const allowed = join(root, 'sinks');
  await mkdir(join(root, 'outside'));
  return { root, allowed };
}

describe('confineFileSinkPath', () => {
  it('accepts paths inside the directory, relative ones resolved against it', async () => {
    const { allowed } = await dirs();
    expect(confineFileSinkPath(join(allowed, 'out.jsonl'), allowed)).toBe(join(allowed, 'out.jsonl'));
    expect(confineFileSinkPath('daily/out.jsonl', allowed)).toBe(join(allowed, 'daily', 'out.jsonl'));
  });

  it('refuses paths that leave it by .., by an absolute path or through a symlink, naming both', async () => {
    const { root, allowed } = await dirs();
    confineFileSinkPath('x', allowed);
    await symlink(join(root, 'outside'), join(allowed, 'link'));
    for (const path of [
      '../outside/x.jsonl',
      join(root, 'outside', 'x.jsonl'),
      'link/x.jsonl',
      '/etc/cron.d/x',
      allowed,
    ]) {
      expect(() => confineFileSinkPath(path, allowed), path).toThrow(
        expect.objectContaining({
          name: 'InvalidInput',
          problems: [
            {
              path: 'sink.path',
              message: expect.stringContaining(`"${path}" is outside the file sink directory ${allowed}`),
            },
          ],
        }),
      );
    }
  });
});

describe('JobsService with a file sink directory', () => {
  const fileJob = (path: string): JobSpec => {
    const parsed = parseJobSpec({
      version: 1,
      name: 'dump',
      source: { cluster: { profile: 'local' }, topics: ['in'], groupId: 'g' },
      sink: { type: 'file', path },
    });
    if (!parsed.ok) throw new Error('bad fixture');
    return parsed.value;
  };

  it('refuses to save or start a job whose file sink is outside, and starts one inside with the resolved path', async () => {
    const { allowed } = await dirs();
    const saved: JobSpec[] = [fileJob('../escape.jsonl')];
    const started: JobSpec[] = [];
    const service = new JobsService({
      store: {
        listJobs: () => saved,
        getJob: (name) => saved.find((s) => s.name === name),
        saveJob: (input) => input as JobSpec,
        deleteJob: () => undefined,
      },
      createJob: (spec: JobSpec) => {
        started.push(spec);
        return {
          start: async () => undefined,
          on: () => () => undefined,
          metrics: () => undefined,
          state: 'running',
        } as unknown as Job;
      },
      stateDir: '/tmp/state',
      emit: () => undefined,
      fileSinkDirectory: () => allowed,
    });
    expect(() => service.save(fileJob('/tmp/elsewhere.jsonl'))).toThrow(
      /sink\.path: "\/tmp\/elsewhere.jsonl" is outside/,
    );
    await expect(service.start('dump')).rejects.toThrow(/"\.\.\/escape\.jsonl" is outside the file sink directory/);
    expect(started).toEqual([]);
    saved[0] = fileJob('ok.jsonl');
    await service.start('dump');
    expect(started[0]!.sink).toEqual({ type: 'file', path: join(allowed, 'ok.jsonl') });
  });
});
