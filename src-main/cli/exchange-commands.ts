import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { ImportReport } from '../../src-shared/exchange/exchange-types.ts';
import { RECORDINGS_FOLDER } from '../../src-shared/exchange/exchange-types.ts';
import { RECORDING_FILE_SUFFIX } from '../../src-shared/exchange/recording.ts';
import { formatDifferences } from '../../src-shared/exchange/recording-compare.ts';
import type { Problem } from '../../src-shared/problems.ts';
import type { RunRecord, RunStatus } from '../../src-shared/runs.ts';
import { planFor } from '../../src-shared/workflow/workflow-plan.ts';
import { loadOrCreateAccessKeys } from '../auth/access-keys.ts';
import { loadOrCreateLocalIssuer } from '../auth/local-issuer.ts';
import { exportCollection, signatureOf } from '../collections/collection-export.ts';
import { buildCallbackUrl } from '../core/callback-url.ts';
import { loadSettings } from '../core/settings.ts';
import { workspaceOptions } from '../core/workspace-setup.ts';
import { resolveDataDir } from '../files/data-dir.ts';
import { writeFileAtomic } from '../files/files.ts';
import { openRunHistory } from '../history/history.ts';
import { exportRuns, selectRuns, type ExportSigner } from '../history/runs-export.ts';
import { baseUrlFor } from '../listener/server.ts';
import { findRecordingFiles, freeRecordingPath } from '../replay/recording-files.ts';
import { replayFiles, type ReplayCaseResult } from '../replay/replay-runner.ts';
import { mintOptions, runningTarget, startHeadlessTarget, type ReplayTarget } from '../replay/replay-target.ts';
import { importFiles } from '../workspace/import-files.ts';
import { exportWorkflows } from '../workspace/workflow-export.ts';
import { loadWorkspace } from '../workspace/workspace.ts';
import { choiceOption, intOption, parseCommandArgs, UsageError } from './args.ts';
import type { Command } from './commands.ts';
import { runningBaseUrl } from './listener-file.ts';

const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
const RUN_STATUSES: readonly RunStatus[] = ['Running', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped', 'Rejected'];
const DATA_DIR_HELP = "  --data-dir DIR     data folder (keys, certificates, history); default $TRIGGERBENCH_DATA_DIR or the app's folder\n";

/** Prints problems on stderr, one line each (what, where, how to fix). */
function printProblems(problems: Problem[], prefix: string): void {
  for (const p of problems) process.stderr.write(`${prefix}${p.severity}: ${p.file}${p.pointer ? ` ${p.pointer}` : ''}: ${p.message} [${p.code}]\n`);
}

/** Writes one output: to `out` (a file) or stdout. */
async function emit(text: string, out: string | undefined): Promise<void> {
  if (out === undefined) process.stdout.write(text);
  else await writeFileAtomic(resolve(out), text);
}

/** Writes several files under the folder `out`. */
async function emitFiles(files: { path: string; text: string }[], out: string): Promise<void> {
  for (const file of files) await writeFileAtomic(join(resolve(out), file.path), file.text);
}

const EXPORT_HELP = `Usage: triggerbench export workflow WORKSPACE [WORKFLOW...] --format standard|arm [--out PATH]
       triggerbench export runs [--workflow W] [--status S] [--id RUN_ID...] [--limit N] --format har|recording|curl|ndjson [--out PATH]
       triggerbench export collection WORKSPACE NAME --format postman [--out PATH]

Exports workflows, recorded runs or saved requests. Without --out a single-file format
goes to stdout; formats with several files (standard with several workflows, recording
with several runs) need --out FOLDER.

  workflow     standard: <name>/workflow.json (+ access-control.json), normalized;
               arm: one Consumption ARM template (Microsoft.Logic/workflows 2019-05-01)
               with access control and listCallbackURL() outputs
  runs         har: HAR 1.2 with bodies, timings and TLS details; recording: one
               <name>.recording.json per run (replay them with triggerbench replay);
               curl: a shell script of curl commands against the running listener;
               ndjson: one whole run record per line
  collection   postman: Postman Collection v2.1 of a collection of saved requests
               (.triggerbench/collections/NAME), for Postman and newman

  --format F          the format (required)
  --out PATH          file (or folder) to write; default stdout
  --include-secrets   write signatures (and, for curl, tokens) in clear; by default they
                      are left masked or as variables to fill in
  --environment ENV   (collection) carry this environment's variables as collection variables
  --workflow W, --status S (${RUN_STATUSES.join(', ')}), --id RUN_ID (repeatable), --limit N
                      (runs) which runs; default every recorded run, newest first
${DATA_DIR_HELP}`;

async function exportWorkflowCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, out: { type: 'string' } }, 1000);
  const format = choiceOption(values.format, 'format', ['standard', 'arm'] as const);
  if (!format) throw new UsageError('Say which format: --format standard or --format arm.');
  const [workspace, ...names] = positionals;
  if (!workspace) throw new UsageError('Give the workspace folder, e.g. triggerbench export workflow . orders --format arm');
  const result = await exportWorkflows(resolve(workspace), names, format, workspaceOptions());
  printProblems(result.problems, 'triggerbench export: ');
  const single = result.files.length === 1 || format === 'arm';
  const oneWorkflow = names.length === 1;
  if (values.out !== undefined && !single) {
    await emitFiles(result.files, values.out);
    process.stderr.write(`Wrote ${result.files.map((f) => f.path).join(', ')} in ${resolve(values.out)}.\n`);
  } else if (single) {
    await emit(result.files[0]!.text, values.out);
  } else if (oneWorkflow) {
    // workflow.json to stdout; its access-control.json needs a folder to go to.
    await emit(result.files[0]!.text, undefined);
    process.stderr.write(`triggerbench export: ${result.files.slice(1).map((f) => f.path).join(', ')} not written: give --out FOLDER to export the access control too.\n`);
  } else {
    throw new UsageError(`${result.files.length} files to write (several workflows): give --out FOLDER.`);
  }
  return 0;
}

/** Signs with the data folder's keys and mints with its issuer, for `--include-secrets`. */
async function cliSigner(dataDir: string, baseUrl: string): Promise<ExportSigner> {
  const keys = await loadOrCreateAccessKeys(dataDir);
  const issuer = await loadOrCreateLocalIssuer(dataDir);
  return {
    sig: (workflow, trigger, keyType) => signatureOf(buildCallbackUrl(baseUrl, workflow, trigger, keys, keyType)).sig,
    token: (claims) => issuer.mint(mintOptions(claims)),
  };
}

/** The base URL of the running listener (else the configured one). */
async function listenerBaseUrl(dataDir: string): Promise<string> {
  const settings = await loadSettings(dataDir);
  return (await runningBaseUrl(dataDir)) ?? baseUrlFor(settings.host, settings.port);
}

async function exportRunsCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { format: { type: 'string' }, out: { type: 'string' }, workflow: { type: 'string' }, status: { type: 'string' }, id: { type: 'string', multiple: true }, limit: { type: 'string' }, 'include-secrets': { type: 'boolean' } },
    0,
  );
  if (positionals.length > 0) throw new UsageError(`Unexpected argument '${positionals[0]}'.`);
  const format = choiceOption(values.format, 'format', ['har', 'recording', 'curl', 'ndjson'] as const);
  if (!format) throw new UsageError('Say which format: --format har, recording, curl or ndjson.');
  const status = choiceOption(values.status, 'status', RUN_STATUSES);
  const limit = intOption(values.limit, 'limit', 1, 10_000_000);
  const dataDir = resolveDataDir(values['data-dir']);
  const history = openRunHistory(dataDir);
  let runs: RunRecord[];
  try {
    runs = selectRuns(history, { workflow: values.workflow, status, ids: values.id, limit });
  } finally {
    history.close();
  }
  if (runs.length === 0) process.stderr.write('triggerbench export: no recorded runs match; the export is empty.\n');
  const baseUrl = await listenerBaseUrl(dataDir);
  const signer = values['include-secrets'] === true ? await cliSigner(dataDir, baseUrl) : undefined;
  const result = await exportRuns(runs, { format, creatorVersion: VERSION, baseUrl, signer });
  printProblems(result.problems, 'triggerbench export: skipped: ');
  if (format !== 'recording') {
    await emit(result.files[0]!.text, values.out);
    return 0;
  }
  if (values.out === undefined) {
    if (result.files.length > 1) throw new UsageError(`${result.files.length} recordings, one file each: give --out FOLDER (e.g. --out ${RECORDINGS_FOLDER}).`);
    if (result.files[0]) await emit(result.files[0].text, undefined);
  } else {
    const folder = resolve(values.out);
    await mkdir(folder, { recursive: true });
    const taken = new Set<string>();
    for (const file of result.files) {
      const path = await freeRecordingPath(folder, file.path.slice(0, -RECORDING_FILE_SUFFIX.length), taken);
      await writeFileAtomic(path, file.text);
      process.stderr.write(`Wrote ${path}\n`);
    }
  }
  return result.files.length === 0 && runs.length > 0 ? 1 : 0;
}

async function exportCollectionCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, out: { type: 'string' }, environment: { type: 'string' }, 'include-secrets': { type: 'boolean' } }, 2);
  const format = choiceOption(values.format, 'format', ['postman'] as const);
  if (!format) throw new UsageError('Say which format: --format postman.');
  if (positionals.length < 2) throw new UsageError('Give the workspace folder and the collection name, e.g. triggerbench export collection . smoke --format postman');
  const root = resolve(positionals[0]!);
  const dataDir = resolveDataDir(values['data-dir']);
  const [snapshot, keys, baseUrl] = await Promise.all([loadWorkspace(root, workspaceOptions()), loadOrCreateAccessKeys(dataDir), listenerBaseUrl(dataDir)]);
  const sign = (name: string, keyType: 'primary' | 'secondary') => {
    const workflow = snapshot.workflows.find((w) => w.name.toLowerCase() === name.toLowerCase());
    const plan = workflow?.definition ? planFor(workflow.definition) : null;
    return workflow && plan ? buildCallbackUrl(baseUrl, workflow.name, plan.triggerName, keys, keyType) : undefined;
  };
  const result = await exportCollection(root, dataDir, positionals[1]!, { environment: values.environment, includeSecrets: values['include-secrets'] === true, baseUrl, sign });
  printProblems(result.problems, 'triggerbench export: ');
  await emit(result.files[0]!.text, values.out);
  return 0;
}

/** `triggerbench export workflow|runs|collection`. */
export const exportCommand: Command = {
  help: EXPORT_HELP,
  async run(args) {
    const [what, ...rest] = args;
    if (what === 'workflow' || what === 'workflows') return exportWorkflowCommand(rest);
    if (what === 'runs') return exportRunsCommand(rest);
    if (what === 'collection') return exportCollectionCommand(rest);
    throw new UsageError(`Say what to export: workflow, runs or collection${what ? ` (not '${what}')` : ''}.`);
  },
};

/** Prints an import report: what was written, then the problems, per file. */
function printImportReport(report: ImportReport, json: boolean): void {
  if (json) {
    for (const file of report.files) process.stdout.write(`${JSON.stringify(file)}\n`);
    return;
  }
  for (const file of report.files) {
    process.stdout.write(`${file.file}${file.kind ? ` (${file.format ?? file.kind})` : ''}: ${file.imported.length === 0 ? 'nothing imported' : `imported ${file.imported.length}`}\n`);
    for (const item of file.imported) process.stdout.write(`  + ${item.type} ${item.name} -> ${item.path}\n`);
    for (const p of file.problems) process.stdout.write(`  ${p.severity}: ${p.workflow ? `[${p.workflow}] ` : ''}${p.message} (${p.code}${p.pointer ? ` at ${p.pointer}` : ''})\n`);
  }
}

/** `triggerbench import FILE... --workspace W`. */
export const importCommand: Command = {
  help: `Usage: triggerbench import FILE... --workspace W [options]

Imports into a workspace, each file by its shape:
  workflows    a Logic Apps Standard workflow.json, a bare workflow definition, a
               Consumption ARM template, or a whole Standard project folder
  HAR          each call becomes a saved request; calls to trigger URLs also become
               recordings in ${RECORDINGS_FOLDER}/
  Postman      a Postman Collection v2.1 becomes a collection of saved requests (its
               variables an environment; secret ones without value)
  recordings   *.recording.json files are copied to ${RECORDINGS_FOLDER}/

Prints what was imported and every problem found (unsupported features are listed on
the workflow they concern). Exits 1 when a file could not be imported at all.

  --workspace W   the workspace folder to import into (required)
  --overwrite     replace workflows that already exist (default: keep them)
  --json          one JSON report line per file
${DATA_DIR_HELP}`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { workspace: { type: 'string' }, overwrite: { type: 'boolean' }, json: { type: 'boolean' } }, 1000);
    if (positionals.length === 0) throw new UsageError('Give the files to import, e.g. triggerbench import template.json --workspace .');
    if (!values.workspace) throw new UsageError('Say which workspace to import into: --workspace FOLDER.');
    const report = await importFiles(resolve(values.workspace), positionals.map((p) => resolve(p)), { overwrite: values.overwrite === true, dataDir: resolveDataDir(values['data-dir']), workspaceOptions: workspaceOptions() });
    printImportReport(report, values.json === true);
    return report.files.some((file) => file.imported.length === 0 && file.problems.some((p) => p.severity === 'error')) ? 1 : 0;
  },
};

function printCase(result: ReplayCaseResult, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const label = { passed: 'PASS', failed: 'FAIL', updated: 'UPDATED', error: 'ERROR' }[result.result];
  process.stdout.write(`${label} ${result.name ?? result.file}${result.workflow ? ` (${result.workflow})` : ''} ${result.ms.toFixed(1)} ms\n`);
  if (result.result === 'failed' || result.result === 'updated') for (const line of formatDifferences(result.differences ?? [])) process.stdout.write(`    ${line}\n`);
  if (result.error) process.stdout.write(`    ${result.error.code}: ${result.error.message}\n`);
  if (result.result !== 'passed') process.stdout.write(`    file: ${result.file}\n`);
}

/** `triggerbench replay RECORDING_OR_DIR...`. */
export const replayCommand: Command = {
  help: `Usage: triggerbench replay RECORDING_OR_DIR... [options]

Replays recordings (*.recording.json, or folders holding them) and compares each
response with the recording: status, the recorded headers and the body, ignoring the
volatile fields the recording names. Starts the runtime headless on a free loopback
port for the workspace (or uses a running listener with --url). No desktop needed.
Exit code: 0 when every case matches, 1 when any differs or fails, 2 on bad usage.

  --workspace W   the workspace whose workflows answer (default: .)
  --url BASE      use a running listener (e.g. https://127.0.0.1:7071) instead of
                  starting one; it must use the same data folder (keys)
  --update        rewrite the expectations of the cases that differ with what came back
  --json          one JSON result line per case
${DATA_DIR_HELP}`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { workspace: { type: 'string' }, url: { type: 'string' }, update: { type: 'boolean' }, json: { type: 'boolean' } }, 10_000);
    if (positionals.length === 0) throw new UsageError(`Give recordings or folders, e.g. triggerbench replay ${RECORDINGS_FOLDER}`);
    if (values.url !== undefined && !/^https?:\/\/[^/]+\/?$/i.test(values.url)) throw new UsageError(`--url must be a listener's base URL such as https://127.0.0.1:7071 (got '${values.url}').`);
    if (values.url !== undefined && values.workspace !== undefined) throw new UsageError('Give --workspace (start a listener) or --url (use a running one), not both.');
    let files: string[];
    try {
      files = await findRecordingFiles(positionals.map((p) => resolve(p)));
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const dataDir = resolveDataDir(values['data-dir']);
    const json = values.json === true;
    const target: ReplayTarget = values.url ? await runningTarget(values.url, dataDir) : await startHeadlessTarget(resolve(values.workspace ?? '.'), dataDir);
    let results: ReplayCaseResult[];
    const started = performance.now();
    try {
      results = await replayFiles(files, target, { update: values.update === true, onCase: (result) => printCase(result, json) });
    } finally {
      await target.close();
    }
    const count = (outcome: ReplayCaseResult['result']) => results.filter((r) => r.result === outcome).length;
    if (!json) {
      const parts = [`${count('passed')} passed`, `${count('failed')} failed`, ...(count('updated') ? [`${count('updated')} updated`] : []), ...(count('error') ? [`${count('error')} errors`] : [])];
      process.stdout.write(`\n${parts.join(', ')} of ${results.length} in ${(performance.now() - started).toFixed(0)} ms${target.startMs ? ` (runtime start ${target.startMs.toFixed(0)} ms)` : ''}\n`);
    }
    return count('failed') + count('error') > 0 ? 1 : 0;
  },
};

