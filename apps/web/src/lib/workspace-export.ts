import { exportFileName } from '@troika/model';
import { api } from './api';

export type ExportFormat = 'json' | 'md';

/** How far a download has come: bytes received, and the total when the server said it. */
export interface ExportProgress {
  received: number;
  total: number | null;
}

/**
 * Fetches the whole workspace from `GET /api/workspaces/:id/export?format=...`, reporting each chunk
 * as it arrives, and returns it as a file to save. The file is named as the server names it; the
 * Markdown's minutes are written in `timeZone` (the reader's).
 */
export async function fetchWorkspaceExport(
  workspaceId: string,
  workspaceName: string,
  format: ExportFormat,
  onprogress: (progress: ExportProgress) => void,
  timeZone = 'UTC',
  signal?: AbortSignal,
): Promise<{ fileName: string; blob: Blob }> {
  // Through the API client (its errors and sign-in redirect); the body is read here, chunk by chunk.
  const query = format === 'md' ? { format, tz: timeZone } : { format };
  const response: Response = await api.workspaces[':id'].export.$get({ param: { id: workspaceId }, query }, { init: { signal } });
  const length = Number(response.headers.get('content-length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  onprogress({ received, total });
  const reader = response.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onprogress({ received, total });
    }
  } else {
    const buffer = new Uint8Array(await response.arrayBuffer());
    chunks.push(buffer);
    onprogress({ received: buffer.byteLength, total });
  }
  const type = format === 'json' ? 'application/json' : 'text/markdown;charset=utf-8';
  const named = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return { fileName: named ?? exportFileName(workspaceName, new Date(), format), blob: new Blob(chunks as BlobPart[], { type }) };
}

/** A byte count as people read it: "820 B", "14 KB", "2.3 MB". */
export function byteSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
