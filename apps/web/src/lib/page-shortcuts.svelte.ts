/** A page's own keyboard shortcuts, as the help dialog lists them (the page handles the keys itself). */
export interface PageShortcut {
  /** Keys pressed together or in turn, as shown: `['n']`, `['Ctrl+Z']`. */
  keys: readonly string[];
  label: string;
}

/**
 * The shortcuts of the page on screen, beside the workspace's own. A page registers its list when it
 * mounts and the returned function removes it when the page goes.
 */
class PageShortcuts {
  title = $state('');
  list = $state<readonly PageShortcut[]>([]);

  register(title: string, list: readonly PageShortcut[]): () => void {
    this.title = title;
    this.list = list;
    return () => {
      if (this.list === list) {
        this.title = '';
        this.list = [];
      }
    };
  }
}

export const pageShortcuts = new PageShortcuts();
