// The console's keyboard shortcuts and named actions, in one registry: key presses and the native
// menu (Electron's `app:menu` events) run the same actions, and the help overlay lists them all.

/** `global`: anywhere in the console; `page`: acts on the current page (via its data-shortcut elements). */
export type ShortcutScope = 'global' | 'page';

export interface ActionDefinition {
  /** An action id; menu actions use the ids of main/desktop/menu-actions.ts. */
  id: string;
  description: string;
  scope: ShortcutScope;
  /** Key combos such as `Mod+1`, `?`, `/`, `n`, `Escape`; none for a menu-only action. */
  keys?: readonly string[];
  run: (detail?: { job?: string }) => void;
}

export interface ShortcutInfo {
  id: string;
  description: string;
  scope: ShortcutScope;
  keys: readonly string[];
}

/** The fields of a KeyboardEvent the registry reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export interface Combo {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

const MODIFIERS = new Set(['mod', 'shift', 'alt']);

/** `Mod+Shift+K` → { key: 'k', mod, shift }. `Mod` is Ctrl, or Cmd on macOS. */
export function parseCombo(text: string): Combo {
  // `+` itself as the key: `Mod++`.
  const plusKey = text.endsWith('++');
  const parts = (plusKey ? text.slice(0, -2) : text).split('+');
  const key = plusKey ? '+' : (parts.pop() ?? '');
  const mods = parts.filter((p) => p !== '' || plusKey).map((p) => p.toLowerCase());
  const unknown = mods.filter((m) => !MODIFIERS.has(m));
  if (key === '' || unknown.length > 0) {
    throw new Error(`invalid shortcut "${text}": expected [Mod+][Shift+][Alt+]key`);
  }
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    mod: mods.includes('mod'),
    shift: mods.includes('shift'),
    alt: mods.includes('alt'),
  };
}

/**
 * Whether a key press is this combo. Shift is only compared for letters and named keys: `?` and
 * other punctuation need Shift on some layouts and not on others, so the character decides.
 */
export function matches(combo: Combo, press: KeyPress): boolean {
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  if (key !== combo.key) return false;
  if (combo.mod !== (press.ctrlKey || press.metaKey)) return false;
  if (combo.alt !== press.altKey) return false;
  const shiftMatters = combo.key.length > 1 || /^[a-z]$/.test(combo.key);
  return !shiftMatters || combo.shift === press.shiftKey;
}

/** `Mod+1` → `Ctrl+1` (or `⌘1` on macOS), for the help overlay and button titles. */
export function formatCombo(text: string, mac: boolean): string {
  const combo = parseCombo(text);
  const key = combo.key.length === 1 ? combo.key.toUpperCase() : combo.key === 'Escape' ? 'Esc' : combo.key;
  const shown = /^[a-z]$/.test(combo.key) && !combo.mod && !combo.shift && !combo.alt ? combo.key : key;
  if (mac) return `${combo.mod ? '⌘' : ''}${combo.alt ? '⌥' : ''}${combo.shift ? '⇧' : ''}${shown}`;
  return [combo.mod ? 'Ctrl' : '', combo.alt ? 'Alt' : '', combo.shift ? 'Shift' : '', shown].filter(Boolean).join('+');
}

/** A key press that belongs to a text field (typing `n` in a filter must not create a job). */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const element = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (element.isContentEditable === true) return true;
  const tag = typeof element.tagName === 'string' ? element.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof element.type === 'string' ? element.type.toLowerCase() : 'text';
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
}

export class ShortcutRegistry {
  readonly #actions = new Map<string, ActionDefinition & { combos: Combo[] }>();

  /** Adds an action; refuses a second action with the same id or an already bound key combo. */
  register(action: ActionDefinition): () => void {
    if (this.#actions.has(action.id)) throw new Error(`shortcut action "${action.id}" is registered twice`);
    const combos = (action.keys ?? []).map(parseCombo);
    for (const combo of combos) {
      for (const other of this.#actions.values()) {
        if (other.combos.some((c) => sameCombo(c, combo))) {
          throw new Error(`"${action.id}" and "${other.id}" both use the key ${formatCombo(comboText(combo), false)}`);
        }
      }
    }
    this.#actions.set(action.id, { ...action, combos });
    return () => this.#actions.delete(action.id);
  }

  /** Every action that has keys, in registration order, for the help overlay. */
  list(): ShortcutInfo[] {
    return [...this.#actions.values()]
      .filter((a) => a.combos.length > 0)
      .map(({ id, description, scope, keys }) => ({ id, description, scope, keys: keys ?? [] }));
  }

  has(id: string): boolean {
    return this.#actions.has(id);
  }

  /** Runs an action by id (a menu item, a clicked notification). False when none has that id. */
  run(id: string, detail?: { job?: string }): boolean {
    const action = this.#actions.get(id);
    if (!action) return false;
    action.run(detail);
    return true;
  }

  /**
   * Runs the action bound to a key press; true when one ran (the caller then prevents the default).
   * Inside a text field only Escape and combos with Mod act: the rest is typing.
   */
  handle(press: KeyPress, target: unknown): boolean {
    if (isTypingTarget(target) && press.key !== 'Escape' && !(press.ctrlKey || press.metaKey)) return false;
    for (const action of this.#actions.values()) {
      if (action.combos.some((combo) => matches(combo, press))) {
        action.run();
        return true;
      }
    }
    return false;
  }
}

function sameCombo(a: Combo, b: Combo): boolean {
  return a.key === b.key && a.mod === b.mod && a.shift === b.shift && a.alt === b.alt;
}

function comboText(combo: Combo): string {
  return [combo.mod ? 'Mod' : '', combo.shift ? 'Shift' : '', combo.alt ? 'Alt' : '', combo.key]
    .filter(Boolean)
    .join('+');
}

/** The elements pages mark with `data-shortcut="…"`; a small part of the DOM, so it can be faked. */
export interface ShortcutTarget {
  click(): void;
  focus(): void;
  select?: () => void;
  disabled?: boolean;
  getClientRects(): { length: number };
}

export interface ShortcutRoot {
  querySelectorAll(selector: string): Iterable<unknown>;
}

/** Which page element a page-scoped shortcut acts on. */
export type PageTarget = 'filter' | 'new' | 'refresh' | 'export' | 'close';

/**
 * The first visible, enabled element marked `data-shortcut="<name>"`, if the page has one; with
 * `includeDisabled`, a disabled one too (the page has the action, it is just not available now).
 */
export function findPageTarget(
  root: ShortcutRoot,
  name: PageTarget,
  options: { includeDisabled?: boolean } = {},
): ShortcutTarget | undefined {
  for (const node of root.querySelectorAll(`[data-shortcut="${name}"]`)) {
    const element = node as ShortcutTarget;
    if (element.disabled === true && !options.includeDisabled) continue;
    // Hidden elements (display: none, or inside a closed section) have no layout boxes.
    if (element.getClientRects().length === 0) continue;
    return element;
  }
  return undefined;
}

/** Clicks (or, for `filter`, focuses and selects) the page's element; false when there is none. */
export function activatePageTarget(root: ShortcutRoot, name: PageTarget): boolean {
  const element = findPageTarget(root, name);
  if (!element) return false;
  if (name === 'filter') {
    element.focus();
    element.select?.();
  } else {
    element.click();
  }
  return true;
}
