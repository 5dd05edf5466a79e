import type { RunRecord } from '../../../src-shared/runs.ts';
import { Button } from '../../components/button.tsx';
import { buildCurl } from '../../lib/curl.ts';
import { docFromConsoleRequest } from '../../lib/saved-request.ts';
import { useStores } from '../../stores/context.tsx';

/** A run's request again: as a curl command, or in a new composer tab (freshly signed, as Resubmit would send it). */
export function RunActions({ run }: { run: RunRecord }) {
  const { runs, app, ui, session, workspace } = useStores();
  const copyCurl = async () => {
    const request = await runs.getState().requestOf(run.id);
    if (!request) return;
    await navigator.clipboard.writeText(buildCurl(request, app.getState().info?.ca.path));
    ui.getState().notify('success', 'The run’s request was copied as a curl command.');
  };
  const compose = async () => {
    const request = await runs.getState().requestOf(run.id);
    if (!request) return;
    session.getState().newTab(docFromConsoleRequest(request, workspace.getState().workflow(run.workflow)));
    ui.getState().setView('composer');
  };
  return (
    <>
      <Button icon="copy" onClick={() => void copyCurl()} title="Copy the request as a curl command (freshly signed, with --cacert)">
        Copy as curl
      </Button>
      <Button icon="send" onClick={() => void compose()} title="Open the request in a new composer tab">
        Open in composer
      </Button>
    </>
  );
}
