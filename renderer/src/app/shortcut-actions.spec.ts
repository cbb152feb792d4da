import { describe, expect, it } from 'vitest';
import { menuActionIds } from '../../../main/desktop/menu-actions';
import type { KeyPress } from '../lib/shortcuts';
import { createConsoleShortcuts, type ConsoleActions } from './shortcut-actions';

function setup(overlayOpen = false) {
  const log: string[] = [];
  const actions: ConsoleActions = {
    showSection: (id) => log.push(`section ${id}`),
    toggleHelp: () => log.push('help'),
    closeOverlay: () => (log.push('close'), overlayOpen),
    page: (target) => (log.push(`page ${target}`), true),
    blur: () => log.push('blur'),
    newJob: () => log.push('new job'),
    importJob: () => log.push('import job'),
    exportReport: () => log.push('export report'),
    openJob: (name) => log.push(`open ${name}`),
    toggleTheme: () => log.push('theme'),
  };
  return { log, registry: createConsoleShortcuts(actions) };
}

const key = (k: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const body = { tagName: 'BODY' };
const field = { tagName: 'INPUT', type: 'text' };

describe('console shortcuts', () => {
  it('handles every action the native menu can send', () => {
    const { registry } = setup();
    for (const id of menuActionIds) expect(registry.has(id), id).toBe(true);
  });

  it('routes menu actions and keys to the same actions', () => {
    const { log, registry } = setup();
    registry.run('section:groups');
    registry.handle(key('4', { ctrlKey: true }), body);
    registry.run('job:open', { job: 'replay' });
    registry.run('job:new');
    registry.run('report:export');
    expect(log).toEqual(['section groups', 'section groups', 'open replay', 'new job', 'export report']);
  });

  it('binds ?, /, n, r and Ctrl+Shift+L outside text fields only', () => {
    const { log, registry } = setup();
    for (const k of ['?', '/', 'n', 'r']) registry.handle(key(k, { shiftKey: k === '?' }), body);
    registry.handle(key('L', { ctrlKey: true, shiftKey: true }), body);
    for (const k of ['?', '/', 'n', 'r']) expect(registry.handle(key(k), field)).toBe(false);
    expect(log).toEqual(['help', 'page filter', 'page new', 'page refresh', 'theme']);
  });

  it('makes Escape close an overlay first, else leave the text field', () => {
    const open = setup(true);
    open.registry.handle(key('Escape'), field);
    expect(open.log).toEqual(['close']);
    const closed = setup(false);
    closed.registry.handle(key('Escape'), field);
    expect(closed.log).toEqual(['close', 'blur']);
  });

  it('lists the keyed shortcuts for the help overlay', () => {
    const { registry } = setup();
    expect(registry.list().map((s) => `${s.keys.join(' ')} ${s.id}`)).toEqual([
      'Mod+1 section:clusters',
      'Mod+2 section:topics',
      'Mod+3 section:jobs',
      'Mod+4 section:groups',
      'Mod+5 section:schemas',
      '/ page:filter',
      'n page:new',
      'r page:refresh',
      'Escape close',
      'Mod+Shift+L theme:toggle',
      '? Mod+/ help:shortcuts',
    ]);
  });
});
