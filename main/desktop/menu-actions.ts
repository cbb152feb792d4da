// What the native menu (and a clicked notification) asks the renderer to do, as plain data: the
// sandboxed preload and the renderer read it without zod; contract.ts builds the event schema from it.

export const menuActionIds = [
  'job:new',
  'job:import',
  'report:export',
  'section:clusters',
  'section:topics',
  'section:jobs',
  'section:groups',
  'theme:toggle',
  'help:shortcuts',
  /** Open one job's page (a failed-job notification was clicked); carries `job`. */
  'job:open',
] as const;

export type MenuActionId = (typeof menuActionIds)[number];

/** The `app:menu` event's payload. */
export interface MenuAction {
  action: MenuActionId;
  job?: string;
}
