/**
 * Moves an element to the end of the open modal dialog that `near` is in (the browser's top layer), or
 * of the body, so a floating card is neither clipped by an ancestor's overflow nor hidden under a dialog.
 */
export function portal(node: HTMLElement, near: HTMLElement | undefined) {
  const target = near?.closest('dialog[open]') ?? document.body;
  target.appendChild(node);
  return {
    destroy() {
      node.remove();
    },
  };
}
