import type { ConsoleResponse, WorkflowView, WorkspaceView } from '../../src-shared/contract.ts';

/** The callback URL the fake core signs for a workflow. */
export function callbackUrl(name: string, sig = 'SIGPRIMARY'): string {
  return `https://127.0.0.1:7071/api/${name}/triggers/manual/invoke?api-version=2022-05-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${sig}`;
}

/** The README's account schema (what "Use sample payload" makes of the account example). */
export const ACCOUNT_SCHEMA = {
  type: 'object',
  properties: {
    account: {
      type: 'object',
      properties: { name: { type: 'string' }, ID: { type: 'string' } },
    },
  },
};

/** A callable workflow view. */
export function workflowView(name: string, patch: Partial<WorkflowView> = {}): WorkflowView {
  return {
    name,
    file: `${name}/workflow.json`,
    kind: 'Stateful',
    callable: true,
    trigger: { name: 'manual', method: 'POST', schema: ACCOUNT_SCHEMA },
    hasResponse: true,
    callbackUrl: { primary: callbackUrl(name), secondary: callbackUrl(name, 'SIGSECONDARY') },
    oauthPolicies: [],
    sasEnabled: true,
    problems: [],
    ...patch,
  };
}

/** A workspace with the given workflows. */
export function workspaceView(...workflows: WorkflowView[]): WorkspaceView {
  return { root: '/ws', workflows, problems: [] };
}

/** A 200 JSON response as the console receives it. */
export function okResponse(body = '{"ok":true}'): ConsoleResponse {
  return {
    status: 200,
    statusText: 'OK',
    httpVersion: '1.1',
    headers: [['content-type', 'application/json']],
    body: { size: body.length, contentType: 'application/json', text: body },
    timings: { connect: 1, tls: 3, firstByte: 8, total: 9 },
    tls: { protocol: 'TLSv1.2', cipher: 'ECDHE-ECDSA-AES256-GCM-SHA384', authorized: true },
  };
}

/** A workflow.json text with a Request trigger and a Response action. */
export function workflowText(patch: { triggerInputs?: Record<string, unknown>; operationOptions?: string; responseInputs?: Record<string, unknown> } = {}): string {
  return JSON.stringify(
    {
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        triggers: {
          manual: { type: 'Request', kind: 'Http', inputs: patch.triggerInputs ?? { method: 'POST' }, ...(patch.operationOptions ? { operationOptions: patch.operationOptions } : {}) },
        },
        actions: {
          Response: { type: 'Response', kind: 'Http', inputs: patch.responseInputs ?? { statusCode: 200, body: '@triggerBody()' }, runAfter: {}, trackedProperties: { keep: 'me' } },
        },
        outputs: {},
      },
      kind: 'Stateful',
    },
    null,
    2,
  );
}
