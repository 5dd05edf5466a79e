import type { ImportReport } from '../../../src-shared/exchange/exchange-types.ts';
import { Button } from '../../components/button.tsx';
import { Dialog } from '../../components/dialog.tsx';
import { Icon } from '../../components/icon.tsx';
import { useStores } from '../../stores/context.tsx';
import { ProblemList } from './problem-list.tsx';

const KIND_LABELS: Record<string, string> = { workflow: 'Workflow file', project: 'Project folder', har: 'HAR', postman: 'Postman collection', recording: 'Recording' };

/** What an import wrote into the workspace and every problem it found, per file. */
export function ImportReportDialog({ report }: { report: ImportReport }) {
  const { exchange } = useStores();
  const written = report.files.reduce((n, f) => n + f.imported.length, 0);
  const problems = report.files.reduce((n, f) => n + f.problems.length, 0);
  return (
    <Dialog
      title="Import report"
      onClose={() => exchange.getState().closeReport()}
      width={680}
      footer={
        <Button variant="primary" onClick={() => exchange.getState().closeReport()} data-autofocus>
          Done
        </Button>
      }
    >
      <p className="xchg-summary" role="status">
        {written === 0 ? 'Nothing was imported.' : `Imported ${written} item${written === 1 ? '' : 's'}`}
        {problems > 0 ? `, ${problems} problem${problems === 1 ? '' : 's'} found.` : written > 0 ? ', no problems found.' : ''}
      </p>
      {report.files.map((file) => (
        <section key={file.file} className="xchg-file" aria-label={file.file}>
          <h3 className="xchg-file-name">
            <Icon name="file" size={14} /> <span className="mono">{file.file}</span>
            {file.kind ? <span className="xchg-kind">{KIND_LABELS[file.kind] ?? file.kind}{file.format && file.format !== file.kind ? ` · ${file.format}` : ''}</span> : null}
          </h3>
          {file.imported.length > 0 ? (
            <ul className="xchg-imported">
              {file.imported.map((item, i) => (
                <li key={i}>
                  <Icon name="check" size={13} /> <span className="xchg-type">{item.type}</span> <strong>{item.name}</strong> <span className="mono xchg-where">{item.path}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <ProblemList problems={file.problems} />
        </section>
      ))}
    </Dialog>
  );
}
