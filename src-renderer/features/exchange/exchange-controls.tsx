import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/button.tsx';
import { Icon } from '../../components/icon.tsx';
import { useSlice, useStores } from '../../stores/context.tsx';
import { ExportDialog } from './export-dialog.tsx';
import { ImportReportDialog } from './import-report-dialog.tsx';
import { readFiles } from './save-file.ts';

/** The top bar's Import (file picker) and Export (workflows or a collection) buttons. */
export function ExchangeButtons() {
  const { exchange } = useStores();
  const busy = useSlice(exchange, (s) => s.busy);
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept=".json,.har,application/json"
        hidden
        data-testid="import-input"
        onChange={async (e) => {
          const files = e.target.files;
          if (files && files.length > 0) await exchange.getState().importFiles(await readFiles(files));
          e.target.value = '';
        }}
      />
      <Button size="sm" variant="ghost" icon="file" onClick={() => input.current?.click()} disabled={busy} title="Import workflows (Standard, definition, ARM), HAR, Postman collections or recordings. You can also drop files on the window.">
        Import…
      </Button>
      <Button size="sm" variant="ghost" icon="download" onClick={() => exchange.getState().openExport({ kind: 'collection' })} title="Export a collection of saved requests as Postman v2.1">
        Export collection…
      </Button>
    </>
  );
}

/** The export dialog and the import report, when open, and the drop target over the whole window. */
export function ExchangeLayer() {
  const { exchange } = useStores();
  const subject = useSlice(exchange, (s) => s.subject);
  const report = useSlice(exchange, (s) => s.report);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault(); // allows the drop; without it the browser would open the file
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = e.dataTransfer?.files;
      if (files && files.length > 0) void readFiles(files).then((read) => exchange.getState().importFiles(read));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [exchange]);

  return (
    <>
      {dragging ? (
        <div className="xchg-drop" aria-hidden="true">
          <div className="xchg-drop-card">
            <Icon name="download" size={28} />
            <strong>Drop to import</strong>
            <span>Workflows (Standard, definition, ARM), HAR, Postman collections, recordings</span>
          </div>
        </div>
      ) : null}
      {subject ? <ExportDialog subject={subject} /> : null}
      {report ? <ImportReportDialog report={report} /> : null}
    </>
  );
}
