import type { PageTarget } from '../lib/shortcuts';
import { ShortcutRegistry } from '../lib/shortcuts';
import { sections, type Section } from './sections';

/** What the console can do when a shortcut or menu item asks; App.svelte provides these. */
export interface ConsoleActions {
  showSection(id: Section['id']): void;
  toggleHelp(): void;
  /** Closes the help overlay, or the page's dialog; false when nothing was open. */
  closeOverlay(): boolean;
  /** Acts on the current page's `data-shortcut` element; false when the page has none. */
  page(target: PageTarget): boolean;
  /** Leaves the text field the focus is in, so single-key shortcuts work again. */
  blur(): void;
  newJob(): void;
  importJob(): void;
  exportReport(): void;
  openJob(name: string): void;
  toggleTheme(): void;
}

/**
 * Every shortcut and menu action of the console, in the order the help overlay lists them. The
 * ids of actions the native menu sends are those of main/desktop/menu-actions.ts.
 */
export function createConsoleShortcuts(actions: ConsoleActions): ShortcutRegistry {
  const registry = new ShortcutRegistry();
  for (const section of sections) {
    registry.register({
      id: `section:${section.id}`,
      description: `Go to ${section.label}`,
      scope: 'global',
      keys: [`Mod+${section.shortcut}`],
      run: () => actions.showSection(section.id),
    });
  }
  registry.register({
    id: 'page:filter',
    description: 'Focus the filter or search box',
    scope: 'page',
    keys: ['/'],
    run: () => void actions.page('filter'),
  });
  registry.register({
    id: 'page:new',
    description: 'New item on this page (cluster, job)',
    scope: 'page',
    keys: ['n'],
    run: () => void actions.page('new'),
  });
  registry.register({
    id: 'page:refresh',
    description: 'Refresh this page',
    scope: 'page',
    keys: ['r'],
    run: () => void actions.page('refresh'),
  });
  registry.register({
    id: 'close',
    description: 'Close the open dialog or overlay; leave a text field',
    scope: 'global',
    keys: ['Escape'],
    run: () => {
      if (!actions.closeOverlay()) actions.blur();
    },
  });
  registry.register({
    id: 'theme:toggle',
    description: 'Switch between light and dark theme',
    scope: 'global',
    keys: ['Mod+Shift+L'],
    run: () => actions.toggleTheme(),
  });
  registry.register({
    id: 'help:shortcuts',
    description: 'Show these keyboard shortcuts',
    scope: 'global',
    keys: ['?', 'Mod+/'],
    run: () => actions.toggleHelp(),
  });
  // Menu-only actions (File menu, a clicked notification).
  registry.register({ id: 'job:new', description: 'New job', scope: 'global', run: () => actions.newJob() });
  registry.register({ id: 'job:import', description: 'Import job…', scope: 'global', run: () => actions.importJob() });
  registry.register({
    id: 'report:export',
    description: 'Export report…',
    scope: 'page',
    run: () => actions.exportReport(),
  });
  registry.register({
    id: 'job:open',
    description: 'Open a job',
    scope: 'global',
    run: (detail) => {
      if (detail?.job) actions.openJob(detail.job);
    },
  });
  return registry;
}
