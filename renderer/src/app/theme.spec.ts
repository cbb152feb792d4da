import { describe, expect, it } from 'vitest';
import { applyTheme, toggledTheme } from './theme';

describe('theme', () => {
  it('toggles what is shown, following the OS when no theme was picked', () => {
    expect(toggledTheme('system', true)).toBe('light');
    expect(toggledTheme('system', false)).toBe('dark');
    expect(toggledTheme('dark', false)).toBe('light');
    expect(toggledTheme('light', true)).toBe('dark');
  });

  it('marks the root element, and unmarks it for the system theme', () => {
    const root = { dataset: {} as Record<string, string | undefined> };
    applyTheme(root, 'dark');
    expect(root.dataset['theme']).toBe('dark');
    applyTheme(root, 'system');
    expect('theme' in root.dataset).toBe(false);
  });
});
