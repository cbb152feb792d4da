import { defineConfig } from 'vitest/config';

// Two projects: fast unit specs beside their source, and integration tests under test/
// that run against the real peers the bench starts (Kafka, ZooKeeper, sshd, kcat).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'engine/**/*.spec.ts',
            'main/**/*.spec.ts',
            'renderer/**/*.spec.ts',
            'test/bench/**/*.spec.ts',
            'scripts/**/*.spec.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/bench/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
