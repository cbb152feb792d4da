import type { MenuItemConstructorOptions } from 'electron';
import type { MenuAction, MenuActionId } from './menu-actions';

export interface MenuDeps {
  platform: NodeJS.Platform;
  /** Development build: offers the DevTools. */
  dev: boolean;
  /** Sends an action to the renderer (`app:menu`), which runs it through its shortcut registry. */
  send(action: MenuAction): void;
  openDocumentation(): void;
}

/**
 * The native application menu, as data (Menu.buildFromTemplate turns it into a menu in main/index.ts).
 * Items the renderer acts on send a menu action; the rest are Electron roles. Accelerators match
 * the renderer's shortcuts (renderer/src/app/shortcut-actions.ts) so the menu teaches them.
 */
export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const mac = deps.platform === 'darwin';
  const action = (label: string, id: MenuActionId, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => deps.send({ action: id }),
  });
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            sep,
            { role: 'services' },
            sep,
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            sep,
            { role: 'quit' },
          ],
        },
      ]
    : [];

  return [
    ...appMenu,
    {
      label: '&File',
      submenu: [
        action('New job', 'job:new', 'CmdOrCtrl+N'),
        action('Import job…', 'job:import', 'CmdOrCtrl+O'),
        action('Export report…', 'report:export', 'CmdOrCtrl+Shift+E'),
        sep,
        mac ? { role: 'close' } : { role: 'quit', label: 'Quit', accelerator: 'Ctrl+Q' },
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        sep,
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        action('Clusters', 'section:clusters', 'CmdOrCtrl+1'),
        action('Topics', 'section:topics', 'CmdOrCtrl+2'),
        action('Jobs', 'section:jobs', 'CmdOrCtrl+3'),
        action('Consumer groups', 'section:groups', 'CmdOrCtrl+4'),
        sep,
        action('Toggle light/dark theme', 'theme:toggle', 'CmdOrCtrl+Shift+L'),
        sep,
        { role: 'reload' },
        ...(deps.dev ? [{ role: 'toggleDevTools' } as const] : []),
        sep,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        sep,
        { role: 'togglefullscreen' },
      ],
    },
    ...(mac ? [{ role: 'windowMenu' } as const] : []),
    {
      label: '&Help',
      role: 'help',
      submenu: [
        action('Keyboard shortcuts', 'help:shortcuts', 'CmdOrCtrl+/'),
        { label: 'Documentation', click: () => deps.openDocumentation() },
      ],
    },
  ];
}
