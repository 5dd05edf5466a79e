import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, RenderTask } from 'pdfjs-dist';
import { Button } from '../../components/button.tsx';
import { Notice } from '../../components/notices.tsx';
import { openPdf } from '../../lib/pdf-document.ts';

/** Widest a page is drawn (CSS px); narrower panes draw it to their width. */
const MAX_PAGE_WIDTH = 900;

/**
 * A PDF body drawn page by page to a canvas with pdf.js, with previous/next, a page
 * number field and PageUp/PageDown/Home/End on the page (docs/console.md, "PDF preview").
 */
export function PdfPreview({ bytes, label, truncated }: { bytes: Uint8Array; label: string; truncated: boolean }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pageText, setPageText] = useState('1');
  const [width, setWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let loadingTask: PDFDocumentLoadingTask | null = null;
    setDoc(null);
    setFailure(null);
    setPage(1);
    setPageText('1');
    openPdf(bytes)
      .then((loading) => {
        loadingTask = loading;
        if (cancelled) return void loading.destroy();
        return loading.promise.then((pdf) => {
          if (!cancelled) setDoc(pdf);
        });
      })
      .catch((error: unknown) => {
        if (!cancelled) setFailure(error instanceof Error ? error.message : String(error));
      });
    // Destroying the loading task frees the document and what pdf.js holds for it.
    return () => {
      cancelled = true;
      void loadingTask?.destroy();
    };
  }, [bytes]);

  // Follow the pane's width, so a page fills it (up to MAX_PAGE_WIDTH).
  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(Math.min(element.clientWidth - 16, MAX_PAGE_WIDTH)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [doc]);

  useEffect(() => {
    if (!doc || !canvas.current || width <= 0) return;
    let task: RenderTask | null = null;
    let cancelled = false;
    void doc
      .getPage(page)
      .then((pdfPage) => {
        if (cancelled || !canvas.current) return;
        const natural = pdfPage.getViewport({ scale: 1 });
        const viewport = pdfPage.getViewport({ scale: width / natural.width });
        const ratio = window.devicePixelRatio || 1;
        const target = canvas.current;
        target.width = Math.floor(viewport.width * ratio);
        target.height = Math.floor(viewport.height * ratio);
        target.style.width = `${Math.floor(viewport.width)}px`;
        target.style.height = `${Math.floor(viewport.height)}px`;
        task = pdfPage.render({ canvas: target, viewport, ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}) });
        return task.promise.then(() => {
          if (!cancelled) target.dataset.renderedPage = String(page);
        });
      })
      .catch((error: unknown) => {
        // A newer page or width cancels the drawing in progress: not a failure.
        if (!cancelled && (error as { name?: string }).name !== 'RenderingCancelledException') setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, page, width]);

  if (failure) {
    return (
      <Notice tone="warning" title="This PDF cannot be previewed">
        {truncated ? 'Only the start of it was kept, and a PDF cannot be read without its end. ' : `pdf.js could not read it (${failure}). `}
        Save it to open it in another program.
      </Notice>
    );
  }
  const pages = doc?.numPages ?? 0;
  const go = (next: number) => {
    const clamped = Math.min(Math.max(next, 1), Math.max(pages, 1));
    setPage(clamped);
    setPageText(String(clamped));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { PageDown: page + 1, ArrowRight: page + 1, PageUp: page - 1, ArrowLeft: page - 1, Home: 1, End: pages };
    const next = moves[e.key];
    if (next === undefined || !doc) return;
    e.preventDefault();
    go(next);
  };
  return (
    <div className="pdf-preview">
      <div className="pdf-bar" role="toolbar" aria-label={`${label} pages`}>
        <Button size="sm" variant="ghost" icon="chevronLeft" aria-label="Previous page" title="Previous page (Page Up)" disabled={!doc || page <= 1} onClick={() => go(page - 1)} />
        <form
          className="pdf-page-form"
          onSubmit={(e) => {
            e.preventDefault();
            const wanted = Number(pageText);
            if (Number.isInteger(wanted)) go(wanted);
            else setPageText(String(page));
          }}
        >
          <input className="input input-sm mono pdf-page-input" aria-label="Page number" inputMode="numeric" value={pageText} disabled={!doc} onChange={(e) => setPageText(e.target.value)} onBlur={() => setPageText(String(page))} />
          <span className="small muted">of {doc ? pages : '…'}</span>
        </form>
        <Button size="sm" variant="ghost" icon="chevronRight" aria-label="Next page" title="Next page (Page Down)" disabled={!doc || page >= pages} onClick={() => go(page + 1)} />
        <span className="small muted" aria-live="polite">
          {doc ? `Page ${page} of ${pages}` : 'Reading the PDF…'}
        </span>
      </div>
      <div ref={frame} className="pdf-frame" tabIndex={0} onKeyDown={onKeyDown} aria-label={`${label} (PDF): use Page Up and Page Down to turn pages`}>
        {doc ? <canvas ref={canvas} role="img" aria-label={`${label}, PDF page ${page} of ${pages}`} /> : <div className="spinner" aria-hidden="true" />}
      </div>
    </div>
  );
}
