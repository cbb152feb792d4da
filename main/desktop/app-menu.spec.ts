import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate } from './app-menu';
import { menuActionIds, type MenuAction } from './menu-actions';

function setup(platform: NodeJS.Platform, dev = false) {
  const sent: MenuAction[] = [];
  let docs = 0;
  const template = buildMenuTemplate({
    platform,
    dev,
    send: (a) => sent.push(a),
    openDocumentation: () => (docs += 1),
  });
  const all = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? all(i.submenu) : [])]);
  const item = (label: string) => {
    const found = all(template).find((i) => i.label === label);
    if (!found) throw new Error(`no menu item "${label}"`);
    return found;
  };
  const click = (label: string) => (item(label).click as () => void)();
  return { template, sent, item, click, all: () => all(template), docs: () => docs };
}

describe('application menu', () => {
  it('has File, Edit, View and Help on Linux and Windows, with Quit in File', () => {
    const { template, item } = setup('linux');
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(item('Quit')).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
  });

  it('adds the app and window menus on macOS', () => {
    const { template } = setup('darwin');
    expect(template.map((m) => m.role ?? m.label)).toEqual([
      'appMenu',
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      'help',
    ]);
  });

  it('sends every renderer action through app:menu', () => {
    const { click, sent } = setup('linux');
    for (const label of ['New job', 'Import job…', 'Export report…', 'Clusters', 'Topics', 'Jobs', 'Consumer groups']) {
      click(label);
    }
    click('Toggle light/dark theme');
    click('Keyboard shortcuts');
    expect(sent.map((a) => a.action)).toEqual([
      'job:new',
      'job:import',
      'report:export',
      'section:clusters',
      'section:topics',
      'section:jobs',
      'section:groups',
      'theme:toggle',
      'help:shortcuts',
    ]);
    // Every action the menu sends is one the contract accepts.
    for (const a of sent) expect(menuActionIds).toContain(a.action);
  });

  it('binds sections to Ctrl/Cmd+1..4, like the renderer', () => {
    const { item } = setup('linux');
    expect(['Clusters', 'Topics', 'Jobs', 'Consumer groups'].map((l) => item(l).accelerator)).toEqual([
      'CmdOrCtrl+1',
      'CmdOrCtrl+2',
      'CmdOrCtrl+3',
      'CmdOrCtrl+4',
    ]);
  });

  it('offers the DevTools only in development', () => {
    expect(
      setup('linux')
        .all()
        .some((i) => i.role === 'toggleDevTools'),
    ).toBe(false);
    expect(
      setup('linux', true)
        .all()
        .some((i) => i.role === 'toggleDevTools'),
    ).toBe(true);
  });

  it('opens the documentation from Help', () => {
    const { click, docs } = setup('win32');
    click('Documentation');
    expect(docs()).toBe(1);
  });
});
