// One table of console requests run through every way the console reaches the core:
// the core itself, the dispatcher the Electron IPC binding uses, and the web host's HTTP
// API. A real workbench answers, so each row asserts the core's own result or error,
// and the three hosts must agree on it (docs/hosts.md).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowNotFound } from '../../src-shared/workflow/find-trigger.ts';
import { toApiErrorPayload } from '../../src-main/console-requests/api-error.ts';
import { createDispatcher, type Dispatch } from '../../src-main/console-requests/dispatcher.ts';
import { createWorkbench, type Workbench } from '../../src-main/core/workbench.ts';
import { createConsoleClient } from '../../src-main/outbound/console-client.ts';
import { startWebHost, type WebHost } from '../../src-main/web-host/web-host.ts';
import { simpleWorkflow } from '../workspace/helpers/temp-workspace.ts';

/** What a host gives back: the result, or the `{ code, message }` the console receives. */
type Outcome = { result: unknown } | { error: { code: string; message: string } };

interface Case {
  name: string;
  channel: string;
  payload: unknown;
  /** The same request made on the core directly. */
  core: (workbench: Workbench) => Promise<unknown> | unknown;
  check: (outcome: Outcome) => void;
}

const errorOf = (outcome: Outcome) => ('error' in outcome ? outcome.error : { code: 'none', message: `no error, got ${JSON.stringify(outcome.result)}` });
const resultOf = <T>(outcome: Outcome): T => {
  if ('error' in outcome) throw new Error(`expected a result, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
};

const CASES: Case[] = [
  {
    name: 'reads a workflow file as text',
    channel: 'workflows:read',
    payload: { name: 'orders' },
    core: (wb) => wb.readWorkflow('orders'),
    check: (outcome) => expect(JSON.parse(resultOf<{ name: string; text: string }>(outcome).text)).toEqual(simpleWorkflow(200)),
  },
  {
    name: 'an unknown workflow is WorkflowNotFound with the core message',
    channel: 'workflows:read',
    payload: { name: 'nope' },
    core: (wb) => wb.readWorkflow('nope'),
    check: (outcome) => expect(errorOf(outcome)).toEqual({ code: 'WorkflowNotFound', message: workflowNotFound('nope').message }),
  },
  {
    name: 'a callback URL carries the SAS of the workflow trigger',
    channel: 'workflows:callbackUrl',
    payload: { name: 'ORDERS', keyType: 'secondary' },
    core: async (wb) => ({ url: wb.callbackUrl('ORDERS', 'secondary') }),
    check: (outcome) => {
      const url = new URL(resultOf<{ url: string }>(outcome).url);
      expect(url.pathname).toBe('/api/orders/triggers/manual/invoke');
      expect([...url.searchParams.keys()]).toEqual(['api-version', 'sp', 'sv', 'sig']);
    },
  },
  {
    name: 'saving text that is not JSON saves nothing and says where the error is',
    channel: 'workflows:save',
    payload: { name: 'orders', text: '{\n  "definition": ' },
    core: (wb) => wb.saveWorkflow('orders', '{\n  "definition": '),
    check: (outcome) => {
      const { problems } = resultOf<{ problems: { code: string; line?: number; message: string }[] }>(outcome);
      expect(problems).toEqual([expect.objectContaining({ code: 'InvalidJson', line: 2 })]);
      expect(problems[0]!.message).toContain('Nothing was saved.');
    },
  },
  {
    name: 'a new workflow with a name Logic Apps refuses is InvalidWorkflowName',
    channel: 'workflows:create',
    payload: { name: 'bad name!' },
    core: (wb) => wb.createWorkflow('bad name!'),
    check: (outcome) => expect(errorOf(outcome).code).toBe('InvalidWorkflowName'),
  },
];

let dataDir: string;
let workspace: string;
let rendererDir: string;
let workbench: Workbench;
let dispatch: Dispatch;
let host: WebHost;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-hosts-data-'));
  workspace = await mkdtemp(join(tmpdir(), 'tb-hosts-ws-'));
  rendererDir = await mkdtemp(join(tmpdir(), 'tb-hosts-renderer-'));
  await mkdir(join(workspace, 'orders'));
  await writeFile(join(workspace, 'orders', 'workflow.json'), JSON.stringify(simpleWorkflow(200)));
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Triggerbench</title>');
  workbench = await createWorkbench({ dataDir, workspaceRoot: workspace, port: 0, watch: false });
  dispatch = createDispatcher(workbench, createConsoleClient({ trustedCaPem: () => workbench.caPem(), defaultTimeoutMs: () => 65_000 }), 'electron');
  host = await startWebHost({ workbench, port: 0, rendererDir, log: () => {} });
  token = new URL(host.url).searchParams.get('token')!;
}, 30_000);

afterAll(async () => {
  await host?.close();
  await workbench?.stop();
  for (const dir of [dataDir, workspace, rendererDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

/** POST /api/invoke/<channel> on the web host, as the browser console does. */
function overHttp(channel: string, payload: unknown): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(payload);
    const req = httpRequest(
      { host: '127.0.0.1', port: host.port, path: `/api/invoke/${encodeURIComponent(channel)}`, method: 'POST', headers: { Host: `127.0.0.1:${host.port}`, 'Content-Type': 'application/json', 'X-Triggerbench-Token': token } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code: string; message: string } };
          resolve(res.statusCode === 200 ? { result: json } : { error: json.error! });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function settle(run: () => Promise<unknown> | unknown): Promise<Outcome> {
  try {
    return { result: await run() };
  } catch (error) {
    return { error: toApiErrorPayload(error) };
  }
}

const HOSTS: [string, (c: Case) => Promise<Outcome>][] = [
  ['the core', (c) => settle(() => c.core(workbench))],
  ['the IPC dispatcher', (c) => settle(() => dispatch(c.channel, c.payload))],
  ['the web host API', (c) => overHttp(c.channel, c.payload)],
];

describe.each(HOSTS)('console requests through %s', (_host, run) => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    c.check(await run(c));
  });
});
