// The console's colour theme: the OS preference (`system`), or one the user picked, kept in the
// settings file through preferences:set so both shells remember it.

export type ThemeChoice = 'system' | 'light' | 'dark';

/** The opposite of what is shown now: `system` shows whatever the OS prefers. */
export function toggledTheme(current: ThemeChoice, systemPrefersDark: boolean): 'light' | 'dark' {
  const shown = current === 'system' ? (systemPrefersDark ? 'dark' : 'light') : current;
  return shown === 'dark' ? 'light' : 'dark';
}

/** Sets `data-theme` on the root element (theme.css); `system` removes it so the media query decides. */
export function applyTheme(root: { dataset: Record<string, string | undefined> }, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = choice;
}
