import { join } from 'node:path';
import type { RequestOf, ResponseOf, WorkspaceView } from '../../src-shared/contract.ts';
import { ACCESS_CONTROL_FILE, parseAccessControl } from '../auth/access-control.ts';
import { readJsonIfExists, writeFileAtomic } from '../files/files.ts';
import { ApiError } from './api-error.ts';

type Handler<C extends 'accessControl:read' | 'accessControl:save'> = (request: RequestOf<C>) => Promise<ResponseOf<C>>;

/**
 * Reading and writing a workflow's access-control.json from the console (OAuth policies,
 * allowed caller IP ranges, SAS on or off). A document with errors is refused with the
 * same problems the loader would report, so the console never writes a file that would
 * stop the workflow being served (docs/auth.md).
 */
export function accessControlHandlers(core: { workspaceView(): WorkspaceView }): { 'accessControl:read': Handler<'accessControl:read'>; 'accessControl:save': Handler<'accessControl:save'> } {
  const locate = (name: string) => {
    const view = core.workspaceView();
    if (!view.root) throw new ApiError('NoWorkspace', 'No workspace is open. Open a Logic Apps Standard project folder first.');
    const workflow = view.workflows.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!workflow) throw new ApiError('WorkflowNotFound', `There is no workflow '${name}' in the workspace ${view.root}.`);
    return { path: join(view.root, workflow.name, ACCESS_CONTROL_FILE), file: `${workflow.name}/${ACCESS_CONTROL_FILE}`, name: workflow.name };
  };
  return {
    'accessControl:read': async (req) => {
      const { path, file, name } = locate(req.workflow);
      let document: unknown;
      try {
        document = await readJsonIfExists<unknown>(path);
      } catch (error) {
        return { present: true, document: null, problems: [{ code: 'AccessControlInvalidJson', severity: 'error', message: `${file} is not valid JSON (${(error as Error).message}). Fix it in a text editor first.`, file, pointer: '', workflow: name }] };
      }
      if (document === undefined) return { present: false, document: null, problems: [] };
      return { present: true, document: document as Record<string, unknown>, problems: parseAccessControl(document, file, name).problems };
    },
    'accessControl:save': async (req) => {
      const { path, file, name } = locate(req.workflow);
      const { problems } = parseAccessControl(req.document, file, name);
      if (problems.some((p) => p.severity === 'error')) return { saved: false, problems };
      await writeFileAtomic(path, `${JSON.stringify(req.document, null, 2)}\n`);
      return { saved: true, problems };
    },
  };
}
