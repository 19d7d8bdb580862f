export type ToastKind = 'error' | 'success' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

/** Short messages in the corner; errors stay longer than confirmations. */
class Toasts {
  items = $state<Toast[]>([]);
  private nextId = 1;

  show(kind: ToastKind, message: string, ms = kind === 'error' ? 9000 : 4000): number {
    const id = this.nextId++;
    this.items.push({ id, kind, message });
    if (ms > 0) setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  clear(): void {
    this.items = [];
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
