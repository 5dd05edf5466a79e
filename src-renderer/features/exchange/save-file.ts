import type { ExportedFile } from '../../../src-shared/exchange/exchange-types.ts';

const TYPES: Record<string, string> = { '.json': 'application/json', '.har': 'application/json', '.sh': 'text/x-shellscript', '.ndjson': 'application/x-ndjson' };

/**
 * The name a downloaded file gets: a download has no folders, so `orders/workflow.json`
 * becomes `orders.json` (importing it again names the workflow `orders`) and
 * `orders/access-control.json` becomes `orders.access-control.json`.
 */
export function downloadName(path: string): string {
  const parts = path.split('/');
  if (parts.length === 2 && parts[1] === 'workflow.json') return `${parts[0]}.json`;
  return parts.join('.');
}

/** Saves an exported file through the browser's (or Electron's) download. */
export function saveFile(file: ExportedFile): void {
  const name = downloadName(file.path);
  const extension = /\.[a-z]+$/i.exec(name)?.[0]?.toLowerCase() ?? '';
  const url = URL.createObjectURL(new Blob([file.text], { type: TYPES[extension] ?? 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the download has started reading it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Reads files the user picked or dropped as text (every format Triggerbench imports is JSON). */
export async function readFiles(files: FileList | File[]): Promise<{ name: string; text: string }[]> {
  return Promise.all([...files].map(async (file) => ({ name: file.name, text: await file.text() })));
}
