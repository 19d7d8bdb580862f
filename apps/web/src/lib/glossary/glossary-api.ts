import type { ApiErrorBody, GlossaryImportReport } from '@troika/model';
import { ApiError } from '$lib/api-error';
import { mergeReports, splitCsv } from './csv-chunks';

const base = (workspaceId: string) => `/api/workspaces/${encodeURIComponent(workspaceId)}/glossary`;

/** Where the browser downloads the glossary as CSV (the session cookie authenticates it). */
export const glossaryCsvUrl = (workspaceId: string) => `${base(workspaceId)}.csv`;

/**
 * Sends a CSV file to the import; resolves with the per-row report. The API client of the app sends
 * JSON only, so this call is made here, with the same error type.
 */
export async function importGlossaryCsv(workspaceId: string, csv: string): Promise<GlossaryImportReport> {
  let response: Response;
  try {
    response = await fetch(`${base(workspaceId)}/import`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    });
  } catch {
    throw new ApiError(0, 'network', 'Troika cannot be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as Partial<ApiErrorBody> | null;
    throw new ApiError(response.status, body?.error?.code ?? 'internal', body?.error?.message ?? `The server answered ${response.status}.`, body?.error?.field);
  }
  return (await response.json()) as GlossaryImportReport;
}

/**
 * Imports a CSV file of any size: pieces under the API's request limit, one after the other, with
 * one report for the whole file. `onProgress` hears how many pieces are done.
 */
export async function importGlossaryFile(workspaceId: string, csv: string, onProgress?: (done: number, total: number) => void): Promise<GlossaryImportReport> {
  const chunks = splitCsv(csv);
  const parts: { report: GlossaryImportReport; offset: number }[] = [];
  for (const chunk of chunks) {
    parts.push({ report: await importGlossaryCsv(workspaceId, chunk.csv), offset: chunk.offset });
    onProgress?.(parts.length, chunks.length);
  }
  return mergeReports(parts);
}
