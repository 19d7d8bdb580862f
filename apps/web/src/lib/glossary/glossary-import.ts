import type { GlossaryImportReport } from '@troika/model';
import { api, data } from '$lib/api';
import { mergeReports, splitCsv } from './csv-chunks';

/**
 * Imports a CSV file of any size: pieces under the API's request limit, one after the other, with
 * one report for the whole file. `onProgress` hears how many pieces are done.
 */
export async function importGlossaryFile(workspaceId: string, csv: string, onProgress?: (done: number, total: number) => void): Promise<GlossaryImportReport> {
  const chunks = splitCsv(csv);
  const parts: { report: GlossaryImportReport; offset: number }[] = [];
  for (const chunk of chunks) {
    // The body is the CSV itself, which hc's typed arguments (JSON, form) do not cover: it goes as the request's init.
    const call = api.workspaces[':id'].glossary.import.$post(
      { param: { id: workspaceId } },
      { init: { body: chunk.csv, headers: { 'content-type': 'text/csv; charset=utf-8' } } },
    );
    parts.push({ report: await data(call), offset: chunk.offset });
    onProgress?.(parts.length, chunks.length);
  }
  return mergeReports(parts);
}
