import { resolve } from 'node:path';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CodedError } from '../../src-shared/coded-error.ts';
import type { RunRecord, RunStatus } from '../../src-shared/runs.ts';
import { loadOrCreateAccessKeys, regenerateAccessKey, KEY_TYPES } from '../auth/access-keys.ts';
import { loadOrCreateLocalIssuer } from '../auth/local-issuer.ts';
import { parseClaimArgs, parseTtl } from '../auth/token-options.ts';
import { loadOrCreateTlsMaterial, regenerateCertificateAuthority } from '../tls/certificate-authority.ts';
import { baseUrlFor } from '../listener/server.ts';
import { findTrigger } from '../../src-shared/workflow/find-trigger.ts';
import { workspaceOptions } from '../core/workspace-setup.ts';
import { loadSettings } from '../core/settings.ts';
import { buildCallbackUrl } from '../core/callback-url.ts';
import { createWorkbench } from '../core/workbench.ts';
import { resolveDataDir } from '../files/data-dir.ts';
import { writeFileAtomic } from '../files/files.ts';
import { openRunHistory } from '../history/history.ts';
import { loadWorkspace } from '../workspace/workspace.ts';
import { choiceOption, intOption, parseCommandArgs, UsageError } from './args.ts';
import { isLoopbackHost } from '../../src-shared/loopback.ts';
import { printServeBanner, printRunLine } from './serve-output.ts';
import { listenerFile, runningBaseUrl } from './listener-file.ts';

/** One CLI command: its help text and its runner (returns the exit code). */
export interface Command {
  help: string;
  run(args: string[]): Promise<number>;
}

const RUN_STATUSES: readonly RunStatus[] = ['Running', 'Succeeded', 'Failed', 'Cancelled', 'TimedOut', 'Skipped', 'Rejected'];
const DATA_DIR_HELP = '  --data-dir DIR   data folder (keys, certificates, history); default $TRIGGERBENCH_DATA_DIR or the app\'s folder\n';


const serve: Command = {
  help: `Usage: triggerbench serve [WORKSPACE] [options]

Starts the HTTPS listener (TLS 1.2) for a Logic Apps Standard project folder and prints
each workflow's callback URL. Edits to the workflows are picked up without a restart.

  WORKSPACE          project folder holding <workflow>/workflow.json (default: .)
  --port N           port (default 7071; 0 picks a free port)
  --host H           address to listen on (default 127.0.0.1)
  --allow-remote     required with a --host that is not loopback (0.0.0.0, a LAN
                     address): other machines can then call every workflow
  --timeout SECONDS  how long a caller waits for a Response before 504 (default 60)
  --json             one JSON object per line: {"event":"ready",...}, then {"event":"run",...}
${DATA_DIR_HELP}`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, host: { type: 'string' }, 'allow-remote': { type: 'boolean' }, timeout: { type: 'string' }, json: { type: 'boolean' } }, 1);
    if (values.host !== undefined && !isLoopbackHost(values.host) && !values['allow-remote']) {
      throw new UsageError(`--host ${values.host} would accept calls from other machines. Add --allow-remote if that is what you want, or use 127.0.0.1 to stay on this machine.`);
    }
    const port = intOption(values.port, 'port', 0, 65535);
    const timeoutSeconds = intOption(values.timeout, 'timeout', 1, 3600);
    const dataDir = resolveDataDir(values['data-dir']);
    // Signal handlers go in before anything is printed: a script that stops serve as soon
    // as it reads the ready line must get a clean stop (history flushed, listener.json
    // removed), not Node's default kill.
    let requestStop!: () => void;
    const stopRequested = new Promise<void>((done) => (requestStop = done));
    process.on('SIGINT', requestStop);
    process.on('SIGTERM', requestStop);
    try {
      const workbench = await createWorkbench({ dataDir, workspaceRoot: resolve(positionals[0] ?? '.'), host: values.host, port, timeoutSeconds, allowRemote: values['allow-remote'] });
      const status = await workbench.start();
      if (status.error) {
        await workbench.stop();
        throw new CodedError(status.error.code, status.error.message);
      }
      await writeFileAtomic(listenerFile(dataDir), JSON.stringify({ pid: process.pid, baseUrl: status.baseUrl }));
      printServeBanner(workbench, status, !!values.json);
      // A run line goes out once the run's record is committed to the history, so a script
      // that reads it can query `triggerbench runs`, or kill serve, and still find the run.
      const unprinted = new Map<string, RunRecord>();
      workbench.events.on('run', (run) => unprinted.set(run.id, run));
      workbench.history.onChange(({ ids }) => {
        for (const id of ids) {
          const run = unprinted.get(id);
          if (!run) continue;
          unprinted.delete(id);
          printRunLine(run, !!values.json);
        }
      });
      await stopRequested;
      await workbench.stop(); // flushes the history: what is still unprinted is stored now
      for (const run of unprinted.values()) printRunLine(run, !!values.json);
      await rm(listenerFile(dataDir), { force: true });
    } finally {
      process.off('SIGINT', requestStop);
      process.off('SIGTERM', requestStop);
    }
    if (!values.json) process.stderr.write('Stopped.\n');
    return 0;
  },
};

const url: Command = {
  help: `Usage: triggerbench url WORKSPACE WORKFLOW [options]

Prints one workflow's callback URL, signed with an access key.

  --trigger NAME             the Request trigger's name (checked against the workflow)
  --key primary|secondary    which access key signs the URL (default primary)
  --expires ISO-TIME         optional expiry of the signature (e.g. 2030-01-01T00:00:00Z)
${DATA_DIR_HELP}`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { trigger: { type: 'string' }, key: { type: 'string' }, expires: { type: 'string' } }, 2);
    if (positionals.length < 2) throw new UsageError('Give the workspace folder and the workflow name, e.g. triggerbench url resources/sample-workspace account');
    const keyType = choiceOption(values.key, 'key', KEY_TYPES) ?? 'primary';
    const notAfter = values.expires ? new Date(values.expires) : undefined;
    if (notAfter && Number.isNaN(notAfter.getTime())) throw new UsageError(`--expires must be an ISO 8601 time such as 2030-01-01T00:00:00Z (got '${values.expires}').`);
    const dataDir = resolveDataDir(values['data-dir']);
    const snapshot = await loadWorkspace(resolve(positionals[0]!), workspaceOptions());
    const name = positionals[1]!;
    const found = findTrigger((wanted) => snapshot.workflows.find((w) => w.name.toLowerCase() === wanted.toLowerCase()), { workflow: name, trigger: values.trigger, mustBeCallable: false, available: snapshot.workflows.map((w) => w.name) });
    if (!found.ok) throw new CodedError(found.code, found.message);
    const { workflow, plan } = found;
    const settings = await loadSettings(dataDir);
    const baseUrl = (await runningBaseUrl(dataDir)) ?? baseUrlFor(settings.host, settings.port);
    const keys = await loadOrCreateAccessKeys(dataDir);
    process.stdout.write(`${buildCallbackUrl(baseUrl, workflow.name, plan.triggerName, keys, keyType, notAfter)}\n`);
    // Allowed (it is how to try the 401 of an expired URL), but never by surprise.
    if (notAfter && notAfter.getTime() <= Date.now()) process.stderr.write(`triggerbench url: note: --expires ${notAfter.toISOString()} is in the past, so calls with this URL get 401 SasUrlExpired.\n`);
    return 0;
  },
};

const ca: Command = {
  help: `Usage: triggerbench ca [regenerate] [options]

Prints the local certificate authority's certificate (PEM), creating it on first use.
Trust it in a client, e.g.: triggerbench ca > triggerbench-ca.pem; curl --cacert triggerbench-ca.pem ...

  ca regenerate   replaces the CA with a new one limited by name constraints to localhost,
                  127.0.0.0/8, ::1 and the host in Settings, and issues new server
                  certificates. Clients that trusted the old CA must trust the new one.
  --path          print the path of the CA file instead of its content
${DATA_DIR_HELP}`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, { path: { type: 'boolean' } }, 1);
    if (positionals[0] !== undefined && positionals[0] !== 'regenerate') throw new UsageError(`Unexpected argument '${positionals[0]}': use 'triggerbench ca' or 'triggerbench ca regenerate'.`);
    const dataDir = resolveDataDir(values['data-dir']);
    const hostnames = [(await loadSettings(dataDir)).host];
    if (positionals[0] === 'regenerate') {
      const material = await regenerateCertificateAuthority(dataDir, { hostnames });
      const running = await runningBaseUrl(dataDir);
      process.stdout.write(
        `Created a new local CA, limited to localhost, 127.0.0.0/8, ::1${hostnames.some((h) => !isLoopbackHost(h)) ? ` and ${hostnames.join(', ')}` : ''}.\n` +
          `  ${material.caCertPath}\n  SHA-256 ${material.caFingerprint256}\n` +
          'Trust it again wherever you trusted the old one (curl --cacert, Postman, the OS or browser store) and remove the old one there.\n' +
          (running ? `A listener is running (${running}): restart it to serve the new certificates.\n` : ''),
      );
      return 0;
    }
    const material = await loadOrCreateTlsMaterial(dataDir, { hostnames });
    if (!material.caNameConstrained) {
      process.stderr.write("Note: this local CA has no name constraints, so its key could vouch for any host. Run 'triggerbench ca regenerate' for one limited to local names (then trust it again).\n");
    }
    process.stdout.write(values.path ? `${material.caCertPath}\n` : material.caCertPem.endsWith('\n') ? material.caCertPem : `${material.caCertPem}\n`);
    return 0;
  },
};

const keys: Command = {
  help: `Usage: triggerbench keys regenerate primary|secondary [options]

Replaces an access key. Every callback URL signed with the old key stops working.
${DATA_DIR_HELP}`,
  async run(args) {
    const { values, positionals } = parseCommandArgs(args, {}, 2);
    if (positionals[0] !== 'regenerate') throw new UsageError(`Expected 'regenerate primary' or 'regenerate secondary'${positionals[0] ? `, not '${positionals[0]}'` : ''}.`);
    const which = choiceOption(positionals[1], 'key', KEY_TYPES);
    if (!which) throw new UsageError('Say which key: triggerbench keys regenerate primary|secondary');
    await regenerateAccessKey(resolveDataDir(values['data-dir']), which);
    process.stdout.write(`Regenerated the ${which} access key. URLs signed with the old ${which} key no longer work; get new ones with 'triggerbench url'.\n`);
    return 0;
  },
};

const runs: Command = {
  help: `Usage: triggerbench runs [options]

Lists recorded runs, newest first.

  --workflow W   only runs of this workflow
  --status S     only runs with this status (${RUN_STATUSES.join(', ')})
  --limit N      at most N runs (default 20, at most 1000 a page)
  --before ID    the page after run ID: only runs older than it (ID from the last line)
  --offset N     skip the N newest matching runs first
  --json         one run summary per line, as JSON

Every run is reachable a page at a time: repeat with --before set to the last id
printed until a page comes back shorter than --limit.
${DATA_DIR_HELP}`,
  async run(args) {
    const { values } = parseCommandArgs(args, { workflow: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' }, before: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' } }, 0);
    const status = choiceOption(values.status, 'status', RUN_STATUSES);
    const limit = intOption(values.limit, 'limit', 1, 1000) ?? 20;
    const offset = intOption(values.offset, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0;
    const history = openRunHistory(resolveDataDir(values['data-dir']));
    try {
      if (values.before !== undefined && !history.get(values.before)) {
        throw new UsageError(`--before ${values.before}: no recorded run has this id. Use an id printed by an earlier 'triggerbench runs'.`);
      }
      const list = history.list({ workflow: values.workflow, status, limit, offset, before: values.before });
      if (values.json) {
        for (const run of list) process.stdout.write(`${JSON.stringify(run)}\n`);
      } else if (list.length === 0) {
        process.stdout.write(values.before !== undefined || offset > 0 ? 'No more runs.\n' : 'No recorded runs match. Call a workflow (see triggerbench serve) and try again.\n');
      } else {
        for (const run of list) printRunLine(run, false);
        if (list.length === limit) process.stdout.write(`More: triggerbench runs --before ${list.at(-1)!.id}${values.workflow ? ` --workflow ${values.workflow}` : ''}${status ? ` --status ${status}` : ''} --limit ${limit}\n`);
      }
    } finally {
      history.close();
    }
    return 0;
  },
};

const token: Command = {
  help: `Usage: triggerbench token [options]

Mints a Bearer token from the local issuer (RS256, Azure AD v1 shape), for triggers
whose access-control.json has an OAuth policy. Use it as: -H "Authorization: Bearer $(triggerbench token --aud ...)"

  --aud A              audience claim
  --sub S              subject claim
  --claim name=value   any claim (repeatable; JSON values such as roles=["a","b"] allowed)
  --ttl DURATION       lifetime: 90s, 30m, 1h, 2d or seconds (default 1h)
${DATA_DIR_HELP}`,
  async run(args) {
    const { values } = parseCommandArgs(args, { aud: { type: 'string' }, sub: { type: 'string' }, claim: { type: 'string', multiple: true }, ttl: { type: 'string' } }, 0);
    let claims: Record<string, unknown>;
    let ttlSeconds: number | undefined;
    try {
      claims = parseClaimArgs(values.claim ?? []);
      ttlSeconds = values.ttl ? parseTtl(values.ttl) : undefined;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const issuer = await loadOrCreateLocalIssuer(resolveDataDir(values['data-dir']));
    process.stdout.write(`${await issuer.mint({ aud: values.aud, sub: values.sub, claims, ttlSeconds })}\n`);
    return 0;
  },
};

const ui: Command = {
  help: `Usage: triggerbench ui [WORKSPACE] [options]

Serves the console to a browser on 127.0.0.1 (the same console as the desktop app) and
starts the listener. Open the printed URL: it holds a per-start token.

  WORKSPACE            project folder (default: the sample workspace)
  --port N             port of the console (default 0: a free port)
  --listener-port N    port of the HTTPS listener for this start (default: the one in
                       Settings, 7071 at first; 0 picks a free port)
${DATA_DIR_HELP}`,
  async run(args) {
    const { runUi } = await import('../web-host/ui-command.ts');
    return runUi(uiArgs(args));
  },
};

/** Reads `triggerbench ui`'s arguments. */
export function uiArgs(args: string[]): { workspace?: string; port?: number; listenerPort?: number; dataDir: string } {
  const { values, positionals } = parseCommandArgs(args, { port: { type: 'string' }, 'listener-port': { type: 'string' } }, 1);
  return {
    workspace: positionals[0] ? resolve(positionals[0]) : undefined,
    port: intOption(values.port, 'port', 0, 65535),
    listenerPort: intOption(values['listener-port'], 'listener-port', 0, 65535),
    dataDir: resolveDataDir(values['data-dir']),
  };
}

/** Every command by name. */
/**
 * Every command, by name. The exchange commands load their module when they run: it is
 * a large part of the CLI that `serve` never uses, and everything loaded before the
 * ready line delays it (docs/cli.md, "Start-up").
 */
export const COMMANDS: Record<string, Command | (() => Promise<Command>)> = {
  serve,
  url,
  ca,
  keys,
  runs,
  token,
  ui,
  export: async () => (await import('./exchange-commands.ts')).exportCommand,
  import: async () => (await import('./exchange-commands.ts')).importCommand,
  replay: async () => (await import('./exchange-commands.ts')).replayCommand,
};

/** The top-level help. */
export const HELP = `Usage: triggerbench <command> [options]

Runs Logic Apps "When an HTTP request is received" triggers and their Response actions
locally, behind real HTTPS (TLS 1.2) with SAS and Bearer auth, and records every run.

Commands:
  serve [WORKSPACE]            start the listener and print callback URLs
  url WORKSPACE WORKFLOW       print one callback URL
  ca                           print the local CA certificate (PEM) to trust
  keys regenerate primary|secondary
                               replace an access key (old URLs stop working)
  runs                         list recorded runs
  token                        mint a Bearer token from the local issuer
  ui [WORKSPACE]               open the console in a browser (loopback web host)
  export workflow|runs|collection
                               export workflows (Standard, ARM), runs (HAR, recordings,
                               curl, NDJSON) or saved requests (Postman v2.1)
  import FILE... --workspace W import workflows, HAR, Postman collections, recordings
  replay RECORDING_OR_DIR...   replay recordings and compare the responses (for CI)

Run 'triggerbench <command> --help' for a command's options.
The data folder is $TRIGGERBENCH_DATA_DIR, else the desktop app's folder.
`;
