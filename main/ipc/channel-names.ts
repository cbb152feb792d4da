// The contract's channel names as plain data, for the sandboxed preload: it may not load zod,
// so it cannot import the schemas in contract.ts. contract.ts checks these lists against its maps
// at compile time, so they cannot drift.

export const invokeChannelNames = [
  'app:info',
  'app:problems',
  'sandbox:status',
  'sandbox:start',
  'clusters:list',
  'clusters:save',
  'clusters:delete',
  'clusters:test',
  'secrets:set',
  'topics:list',
  'topics:browse',
  'topics:produce',
  'topics:export',
  'topics:describe',
  'topics:create',
  'topics:delete',
  'topics:add-partitions',
  'topics:alter-configs',
  'groups:overview',
  'groups:describe',
  'groups:reset-preview',
  'groups:reset-apply',
  'jobs:list',
  'jobs:get',
  'jobs:save',
  'jobs:delete',
  'jobs:start',
  'jobs:stop',
  'jobs:checkpoints',
  'jobs:watch',
  'jobs:lint',
  'jobs:lint-spec',
  'jobs:preview',
  'jobs:export-flink',
  'clusters:health',
  'files:save',
  'files:open',
  'preferences:get',
  'preferences:set',
  'reports:export',
  'reports:parse',
  'reports:apply-preview',
  'reports:apply',
  'reports:restore-job',
  'registry:subjects',
  'registry:versions',
  'registry:schema',
  'lag:watched',
  'lag:watch',
  'lag:status',
  'lag:history',
  'lag:export',
  'lag:mute',
] as const;

export const eventChannelNames = [
  'app:notice',
  'clusters:check-step',
  'sandbox:status',
  'jobs:state',
  'jobs:metrics',
  'jobs:summary',
  'jobs:checkpoint',
  'jobs:warning',
  'jobs:hints',
  'jobs:error',
  'app:menu',
  'reports:progress',
  'groups:overview-progress',
  'lag:cycle',
  'lag:change',
  'lag:open',
] as const;

export interface IpcErrorData {
  name: string;
  message: string;
  hintId?: string;
  problems?: { path: string; message: string }[];
}

/** An error rethrown on the renderer side; `problems` name fields by path for forms. */
export class IpcError extends Error {
  readonly hintId: string | undefined;
  readonly problems: { path: string; message: string }[];

  constructor(error: IpcErrorData) {
    super(error.message);
    this.name = error.name;
    this.hintId = error.hintId;
    this.problems = error.problems ?? [];
  }
}
