import type { PDFDocumentLoadingTask } from 'pdfjs-dist';

type Pdfjs = typeof import('pdfjs-dist');

let loading: Promise<Pdfjs> | null = null;

/**
 * Loads pdf.js on first use (its two modules are their own chunks, so the console does
 * not carry them until a PDF is previewed). The console's CSP allows no workers of its
 * own making and no eval, so pdf.js runs on the page's thread: its worker module is
 * imported here and handed over as `globalThis.pdfjsWorker`, which pdf.js uses instead of
 * starting a Worker (docs/console.md, "PDF preview").
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist');
  })();
  loading.catch(() => {
    loading = null; // a failed chunk load may succeed on the next try
  });
  return loading;
}

/** Starts reading a PDF from its bytes (copied: pdf.js takes ownership of what it is given). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentLoadingTask> {
  const pdfjs = await loadPdfjs();
  // No wasm decoders (the CSP has no 'wasm-unsafe-eval') and nothing fetched: pdf.js falls
  // back to its JavaScript decoders and to system fonts for the standard 14. pdf.js 6
  // compiles no code at run time, so `script-src 'self'` without eval is enough.
  return pdfjs.getDocument({ data: bytes.slice(), useWasm: false, useWorkerFetch: false });
}
