import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Keyboard-only helpers: they move focus with Tab / Shift+Tab as a person would (never a click or a
 * programmatic focus) and check, at each stop, that the focused element shows where focus is.
 */

/** What the focused element is, for failure messages: tag, name or text, and its classes. */
export async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '<body>';
    const name = el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? '';
    return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}> "${name}"`;
  });
}

/**
 * The focus indicator drawn for the focused element: its own outline or box-shadow, or (for a control
 * drawn by its label, like a segmented choice, or a field inside a search bar) its parent's. Null when nothing shows focus.
 */
export async function focusIndicator(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const ring = (node: Element): string | null => {
      const s = getComputedStyle(node);
      if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) return `outline ${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}`;
      if (s.boxShadow && s.boxShadow !== 'none') return `box-shadow ${s.boxShadow}`;
      return null;
    };
    // A link that covers its card draws the ring on its ::after (the whole card), not on itself.
    const pseudo = (node: Element): string | null => {
      const s = getComputedStyle(node, '::after');
      return s.content !== 'none' && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 ? `::after outline ${s.outlineWidth} ${s.outlineColor}` : null;
    };
    return ring(el) ?? pseudo(el) ?? (el.parentElement ? ring(el.parentElement) : null);
  });
}

/** Fails unless the focused element shows a focus indicator (waits out a ring's short transition). */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const where = await describeFocus(page);
  await expect.poll(() => focusIndicator(page), { message: `no visible focus on ${where}`, timeout: 2_000 }).not.toBeNull();
}

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement)).catch(() => false);

/**
 * Presses Tab (or Shift+Tab) until `target` has focus, checking the visible focus at every stop on the
 * way; fails when `max` presses do not get there (the target is not reachable, or focus is trapped).
 */
export async function tabTo(page: Page, target: Locator, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const { back = false, max = 60 } = options;
  await expect(target).toBeVisible();
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    path.push(await describeFocus(page));
    await expectVisibleFocus(page);
    if (await isFocused(target)) return;
  }
  throw new Error(`${max} presses of ${back ? 'Shift+Tab' : 'Tab'} never reached the target; focus went through:\n  ${path.join('\n  ')}`);
}

/** Fails unless focus is inside `container` (a dialog or panel that just opened). */
export async function expectFocusInside(container: Locator): Promise<void> {
  await expect.poll(() => isFocused(container), { message: 'focus did not move into it' }).toBe(true);
}

/** Fails unless `target` has focus (focus came back to the opener). */
export async function expectFocusOn(target: Locator): Promise<void> {
  await expect(target).toBeFocused();
}
