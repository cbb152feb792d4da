import { describe, expect, it } from 'vitest';
import {
  activatePageTarget,
  findPageTarget,
  formatCombo,
  isTypingTarget,
  matches,
  parseCombo,
  ShortcutRegistry,
  type KeyPress,
  type ShortcutRoot,
} from './shortcuts';

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});
const input = { tagName: 'INPUT', type: 'search' };
const button = { tagName: 'BUTTON' };

describe('key combos', () => {
  it('parses modifiers and keys and refuses unknown modifiers', () => {
    expect(parseCombo('Mod+1')).toEqual({ key: '1', mod: true, shift: false, alt: false });
    expect(parseCombo('Shift+N')).toEqual({ key: 'n', mod: false, shift: true, alt: false });
    expect(parseCombo('Escape')).toEqual({ key: 'Escape', mod: false, shift: false, alt: false });
    expect(parseCombo('Mod++').key).toBe('+');
    expect(() => parseCombo('Hyper+x')).toThrow(/invalid shortcut "Hyper\+x"/);
    expect(() => parseCombo('')).toThrow(/invalid shortcut/);
  });

  it('treats Ctrl and Cmd alike as Mod and keeps plain keys free of modifiers', () => {
    expect(matches(parseCombo('Mod+1'), press('1', { ctrlKey: true }))).toBe(true);
    expect(matches(parseCombo('Mod+1'), press('1', { metaKey: true }))).toBe(true);
    expect(matches(parseCombo('Mod+1'), press('1'))).toBe(false);
    expect(matches(parseCombo('n'), press('n', { ctrlKey: true }))).toBe(false);
    expect(matches(parseCombo('n'), press('n', { altKey: true }))).toBe(false);
  });

  it('compares Shift for letters but not for punctuation that needs it on some layouts', () => {
    expect(matches(parseCombo('n'), press('N', { shiftKey: true }))).toBe(false);
    expect(matches(parseCombo('Shift+N'), press('N', { shiftKey: true }))).toBe(true);
    expect(matches(parseCombo('?'), press('?', { shiftKey: true }))).toBe(true);
    expect(matches(parseCombo('?'), press('?'))).toBe(true);
    expect(matches(parseCombo('/'), press('?', { shiftKey: true }))).toBe(false);
  });

  it('formats combos for each platform', () => {
    expect(formatCombo('Mod+1', false)).toBe('Ctrl+1');
    expect(formatCombo('Mod+1', true)).toBe('⌘1');
    expect(formatCombo('Mod+Shift+k', false)).toBe('Ctrl+Shift+K');
    expect(formatCombo('n', false)).toBe('n');
    expect(formatCombo('Escape', true)).toBe('Esc');
  });

  it('knows which targets are text fields', () => {
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget({ tagName: 'textarea' })).toBe(true);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget(button)).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});

describe('ShortcutRegistry', () => {
  function setup() {
    const ran: string[] = [];
    const registry = new ShortcutRegistry();
    const add = (id: string, keys: string[] | undefined, scope: 'global' | 'page' = 'global') =>
      registry.register({
        id,
        description: `does ${id}`,
        scope,
        ...(keys ? { keys } : {}),
        run: (detail) => ran.push(detail?.job ? `${id}:${detail.job}` : id),
      });
    return { ran, registry, add };
  }

  it('runs the action bound to a key and reports whether one ran', () => {
    const { ran, registry, add } = setup();
    add('section:jobs', ['Mod+3']);
    add('page:new', ['n'], 'page');
    expect(registry.handle(press('3', { ctrlKey: true }), button)).toBe(true);
    expect(registry.handle(press('n'), button)).toBe(true);
    expect(registry.handle(press('x'), button)).toBe(false);
    expect(ran).toEqual(['section:jobs', 'page:new']);
  });

  it('ignores plain keys typed into a field, but not Escape or Mod combos', () => {
    const { ran, registry, add } = setup();
    add('page:new', ['n'], 'page');
    add('help:shortcuts', ['?']);
    add('close', ['Escape']);
    add('section:topics', ['Mod+2']);
    expect(registry.handle(press('n'), input)).toBe(false);
    expect(registry.handle(press('?', { shiftKey: true }), input)).toBe(false);
    expect(registry.handle(press('Escape'), input)).toBe(true);
    expect(registry.handle(press('2', { metaKey: true }), input)).toBe(true);
    expect(ran).toEqual(['close', 'section:topics']);
  });

  it('runs menu actions by id, with their detail, through the same registry', () => {
    const { ran, registry, add } = setup();
    add('job:open', undefined);
    expect(registry.run('job:open', { job: 'replay-orders' })).toBe(true);
    expect(registry.run('no:such', {})).toBe(false);
    expect(ran).toEqual(['job:open:replay-orders']);
  });

  it('refuses duplicate ids and keys bound twice, naming both actions', () => {
    const { add } = setup();
    add('page:new', ['n']);
    expect(() => add('page:new', ['x'])).toThrow(/"page:new" is registered twice/);
    expect(() => add('other', ['N'])).toThrow(/"other" and "page:new" both use the key n/);
  });

  it('lists only actions with keys, in order, and forgets unregistered ones', () => {
    const { registry, add } = setup();
    add('section:clusters', ['Mod+1']);
    add('theme:toggle', undefined);
    const off = add('help:shortcuts', ['?']);
    expect(registry.list().map((s) => s.id)).toEqual(['section:clusters', 'help:shortcuts']);
    expect(registry.list()[0]).toEqual({
      id: 'section:clusters',
      description: 'does section:clusters',
      scope: 'global',
      keys: ['Mod+1'],
    });
    off();
    expect(registry.has('help:shortcuts')).toBe(false);
    expect(registry.handle(press('?'), button)).toBe(false);
  });
});

describe('page targets', () => {
  function fakeRoot(elements: Record<string, { visible?: boolean; disabled?: boolean; log: string[]; tag: string }[]>) {
    const root: ShortcutRoot = {
      querySelectorAll(selector) {
        const name = /data-shortcut="([a-z]+)"/.exec(selector)?.[1] ?? '';
        return (elements[name] ?? []).map((e) => ({
          disabled: e.disabled ?? false,
          getClientRects: () => ({ length: e.visible === false ? 0 : 1 }),
          click: () => e.log.push(`click ${e.tag}`),
          focus: () => e.log.push(`focus ${e.tag}`),
          select: () => e.log.push(`select ${e.tag}`),
        }));
      },
    };
    return root;
  }

  it('clicks the first visible, enabled element and focuses filters', () => {
    const log: string[] = [];
    const root = fakeRoot({
      new: [
        { tag: 'hidden', visible: false, log },
        { tag: 'disabled', disabled: true, log },
        { tag: 'shown', log },
      ],
      filter: [{ tag: 'search', log }],
    });
    expect(activatePageTarget(root, 'new')).toBe(true);
    expect(activatePageTarget(root, 'filter')).toBe(true);
    expect(log).toEqual(['click shown', 'focus search', 'select search']);
  });

  it('finds a disabled element only when asked to', () => {
    const log: string[] = [];
    const root = fakeRoot({ new: [{ tag: 'busy', disabled: true, log }] });
    expect(findPageTarget(root, 'new')).toBeUndefined();
    expect(findPageTarget(root, 'new', { includeDisabled: true })?.disabled).toBe(true);
  });

  it('says when the page has no such element', () => {
    expect(activatePageTarget(fakeRoot({}), 'refresh')).toBe(false);
  });
});
