export interface ChunkOptions {
  chunkSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Lets the browser paint and handle input between chunks. */
  pause?: () => Promise<void>;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Applies items in chunks (one transaction each, so one update per chunk goes to the server),
 * yielding to the browser between chunks so a big import keeps the page responsive and its
 * progress bar moving.
 */
export async function applyInChunks<T>(items: readonly T[], apply: (chunk: readonly T[]) => void, options: ChunkOptions = {}): Promise<void> {
  const { chunkSize = 200, onProgress, pause = nextTask } = options;
  onProgress?.(0, items.length);
  for (let start = 0; start < items.length; start += chunkSize) {
    apply(items.slice(start, start + chunkSize));
    onProgress?.(Math.min(start + chunkSize, items.length), items.length);
    if (start + chunkSize < items.length) await pause();
  }
}
