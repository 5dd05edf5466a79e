import { networkInterfaces } from 'node:os';
import type { ListenerStatus } from '../../src-shared/contract.ts';
import type { RunRecord, RunSummary } from '../../src-shared/runs.ts';
import type { Workbench } from '../core/workbench.ts';

/** Prints the `ready` line (--json) or a readable banner with each workflow's URL and problems. */
export function printServeBanner(workbench: Workbench, status: ListenerStatus, json: boolean): void {
  const view = workbench.workspaceView();
  const problems = [...view.problems, ...view.workflows.flatMap((w) => w.problems)];
  // On stderr in both modes, so a script reading --json lines still surfaces it.
  if (status.remote) process.stderr.write(remoteWarning(status));
  if (json) {
    const ready = {
      event: 'ready',
      port: status.port,
      caCert: workbench.tls.caCertPath,
      workflows: view.workflows.filter((w) => w.callbackUrl).map((w) => ({ name: w.name, trigger: w.trigger!.name, method: w.trigger!.method ?? null, callbackUrl: w.callbackUrl!.primary })),
      problems,
    };
    process.stdout.write(`${JSON.stringify(ready)}\n`);
    return;
  }
  const out: string[] = [`Triggerbench listening on ${listeningOn(status)} (TLS 1.2)`, `Workspace: ${view.root}`, `Trust the CA: curl --cacert ${workbench.tls.caCertPath} ...`, ''];
  for (const workflow of view.workflows) {
    if (workflow.callbackUrl) out.push(`  ${workflow.name}  [${workflow.trigger?.method ?? 'any method'}]`, `    ${workflow.callbackUrl.primary}`);
    else out.push(`  ${workflow.name}  (not callable)`);
  }
  if (view.workflows.length === 0) out.push('  No workflows found: a workflow is a folder holding workflow.json.');
  for (const problem of problems) out.push(`${problem.severity}: ${problem.file}${problem.pointer ? ` ${problem.pointer}` : ''}${problem.line ? `:${problem.line}:${problem.column ?? 1}` : ''}: ${problem.message} [${problem.code}]`);
  out.push('', 'Press Ctrl+C to stop.', '');
  process.stdout.write(out.join('\n'));
}

/** The address actually bound, and the base of the callback URLs when they differ (0.0.0.0 → localhost). */
function listeningOn(status: ListenerStatus): string {
  const bound = `https://${status.host.includes(':') ? `[${status.host}]` : status.host}:${status.port}`;
  return bound === status.baseUrl ? bound : `${bound} (callback URLs below use ${status.baseUrl})`;
}

/** The warning printed while serving beyond loopback, with the addresses other machines can use. */
export function remoteWarning(status: ListenerStatus): string {
  const wildcard = status.host === '0.0.0.0' || status.host === '::';
  const addresses = wildcard
    ? Object.values(networkInterfaces())
        .flat()
        .filter((a) => a && !a.internal && (status.host === '::' || a.family === 'IPv4'))
        .map((a) => `https://${a!.family === 'IPv6' ? `[${a!.address}]` : a!.address}:${status.port}`)
    : [`https://${status.host}:${status.port}`];
  return `WARNING: listening beyond this machine (${status.host}). Other machines can call every workflow${addresses.length ? ` at ${addresses.join(', ')}` : ''}; anyone with a callback URL or a token is let in. Stop and restart without --allow-remote to stay on 127.0.0.1.\n`;
}

/** Prints one finished run: a JSON line, or a readable line. */
export function printRunLine(run: RunRecord | RunSummary, json: boolean): void {
  if (json) {
    const full = run as RunRecord;
    const line = {
      event: 'run',
      id: run.id,
      workflow: run.workflow,
      trigger: run.trigger,
      status: run.status,
      method: 'request' in full ? full.request.method : (run as RunSummary).method,
      responseStatus: 'request' in full ? full.response?.status ?? null : (run as RunSummary).responseStatus ?? null,
      error: 'request' in full ? full.error ?? null : (run as RunSummary).errorCode ?? null,
      startTime: run.startTime,
      durationMs: run.durationMs ?? null,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  const summary = 'request' in run ? { method: run.request.method, status: run.response?.status, code: run.error?.code } : { method: run.method, status: run.responseStatus, code: run.errorCode };
  process.stdout.write(`${run.startTime}  ${run.status.padEnd(9)} ${String(summary.status ?? '-').padEnd(4)} ${summary.method.padEnd(6)} ${run.workflow}  ${run.id}${summary.code ? `  ${summary.code}` : ''}${run.durationMs !== undefined ? `  ${run.durationMs} ms` : ''}\n`);
}
