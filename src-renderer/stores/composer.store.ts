import { isSasParameter } from '../../src-shared/sas-parameters.ts';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConsoleRequest, WorkflowView } from '../../src-shared/contract.ts';
import { toUiError } from '../lib/api-error.ts';
import type { TextDiagnostic } from '../lib/diagnostic.ts';
import { exampleFromSchema } from '../lib/example-from-schema.ts';
import { followCallbackUrl, signedParams, type CallbackUrls } from '../lib/follow-callback.ts';
import { checkAgainstSchema } from '../lib/json-schema-check.ts';
import { formatJson, locatePointer, parseJsonText } from '../lib/json-text.ts';
import { decodeJwt } from '../lib/jwt.ts';
import { parseQuery, rowId, rowsFromUrl, urlFromRows, withQuery, type KeyValueRow } from '../lib/query-string.ts';
import { newRequestId } from '../lib/request-id.ts';
import { LARGE_BODY_CHARS, LARGE_BODY_CHECK_DELAY_MS } from '../lib/large-body.ts';
import { resolveVariables } from '../../src-shared/variables.ts';
import type { StoreDeps } from './deps.ts';
import type { ResponseState } from './response.store.ts';
import type { WorkspaceState } from './workspace.store.ts';

/** How the composer authenticates: the SAS signature in the URL, a Bearer token, or nothing. */
export type AuthMode = 'sas' | 'bearer' | 'none';

/** Body editors offered by the composer. */
export type BodyKind = 'none' | 'json' | 'text' | 'form' | 'file';

/** A header row; `auto` rows are kept in step by the composer (auth, content type). */
export interface HeaderRow extends KeyValueRow {
  auto?: 'auth' | 'content-type';
}

/** A file chosen as the body. */
export interface FileBody {
  name: string;
  base64: string;
  contentType?: string;
  size: number;
}

/** Inputs of the Bearer panel's "mint a token" form. */
export interface MintForm {
  aud: string;
  sub: string;
  /** Extra claims as a JSON object text. */
  claimsText: string;
  ttlSeconds: number;
}

/** The request being composed. */
export interface ComposerState {
  method: string;
  url: string;
  params: KeyValueRow[];
  headers: HeaderRow[];
  bodyKind: BodyKind;
  /** Text of the JSON and raw text bodies (one buffer, so switching kinds keeps it). */
  bodyText: string;
  formRows: KeyValueRow[];
  file: FileBody | null;
  auth: AuthMode;
  token: string;
  /** Claims of the token, decoded for display (undefined when the token is not a JWT). */
  tokenClaims: Record<string, unknown> | undefined;
  tokenExpiresAt: string | undefined;
  mint: MintForm;
  minting: boolean;
  mintError: string | null;
  /** SAS parameters removed when switching away from SAS, put back when switching back. */
  sasParams: [string, string][];
  /** The workflow picked as the target (its schema checks the body). */
  workflowName: string | null;
  /** The target's callback URLs the composed URL was built from; when the core's change (port, keys), the URL follows. */
  targetUrls: CallbackUrls | null;
  bodyDiagnostics: TextDiagnostic[];
  sendError: string | null;

  setMethod(method: string): void;
  setUrl(url: string): void;
  setParams(rows: KeyValueRow[]): void;
  setHeaders(rows: HeaderRow[]): void;
  setBodyKind(kind: BodyKind): void;
  setBodyText(text: string): void;
  formatBody(): void;
  setFormRows(rows: KeyValueRow[]): void;
  setFile(file: FileBody | null): void;
  setAuth(mode: AuthMode): void;
  setToken(token: string): void;
  setMintField<K extends keyof MintForm>(key: K, value: MintForm[K]): void;
  mintToken(): Promise<boolean>;
  /** Fills the mint form with the claims of one of the target's OAuth policies (all but iss). */
  fillMintFromPolicy(policyName: string): void;
  /** Targets a workflow: its callback URL, its method, and a starter body from its schema. */
  useWorkflow(name: string): void;
  buildRequest(): ConsoleRequest;
  send(): Promise<void>;
  /** Replaces the request being composed (switching tabs, opening a saved or sent request). */
  loadDoc(doc: ComposerDoc): void;
}

/** Optional collaborators of the composer: variables to substitute and who hears of each send. */
export interface ComposerOptions {
  /** Values of `{{variables}}` (the active environment), and its name for messages. */
  variables?: () => { environment: string | null; values: ReadonlyMap<string, string> };
  /** Called once a send finished (answered or failed), with the request as composed. */
  onSent?: (doc: ComposerDoc, outcome: { status?: number; error?: string; totalMs?: number }) => void;
}

/** The part of the composer a tab, a saved request or a sent-history entry holds. */
export type ComposerDoc = Pick<ComposerState, 'method' | 'url' | 'params' | 'headers' | 'bodyKind' | 'bodyText' | 'formRows' | 'auth' | 'token' | 'workflowName' | 'targetUrls' | 'sasParams'>;

/** A fresh, empty request. */
export const EMPTY_DOC: ComposerDoc = { method: 'POST', url: '', params: [], headers: [], bodyKind: 'json', bodyText: '', formRows: [], auth: 'sas', token: '', workflowName: null, targetUrls: null, sasParams: [] };

/** The composer's current request as a document. */
export function docOf(state: ComposerDoc): ComposerDoc {
  const { method, url, params, headers, bodyKind, bodyText, formRows, auth, token, workflowName, targetUrls, sasParams } = state;
  return { method, url, params, headers, bodyKind, bodyText, formRows, auth, token, workflowName, targetUrls, sasParams };
}

/** Removes the SAS (sp/sv/se/sig) from a URL; returns the URL and what was removed. */
export function stripSas(url: string): { url: string; removed: [string, string][] } {
  const pairs = parseQuery(url);
  const removed = pairs.filter(([k]) => isSasParameter(k));
  if (removed.length === 0) return { url, removed };
  return { url: withQuery(url, pairs.filter(([k]) => !isSasParameter(k))), removed };
}

function contentTypeFor(kind: BodyKind, file: FileBody | null): string | undefined {
  switch (kind) {
    case 'json':
      return 'application/json';
    case 'text':
      return 'text/plain';
    case 'form':
      return 'application/x-www-form-urlencoded';
    case 'file':
      return file?.contentType || 'application/octet-stream';
    default:
      return undefined;
  }
}

/**
 * The mint form for a policy: its aud and sub go to their fields, every other claim but
 * iss (the local issuer sets it) into the extra claims, so the token matches the policy.
 */
export function mintFormFor(policy: WorkflowView['oauthPolicies'][number], current: MintForm): MintForm {
  const extra: Record<string, string> = {};
  let aud = '';
  let sub = current.sub;
  for (const claim of policy.claims) {
    if (claim.name === 'iss') continue;
    if (claim.name === 'aud') aud = claim.value;
    else if (claim.name === 'sub') sub = claim.value;
    else extra[claim.name] = claim.value;
  }
  return { ...current, aud, sub, claimsText: JSON.stringify(extra) };
}

/** Default mint form: one hour, no extra claims. */
const DEFAULT_MINT: MintForm = { aud: '', sub: 'triggerbench-console', claimsText: '{}', ttlSeconds: 3600 };

/** Creates the composer store. */
export function createComposerStore(deps: StoreDeps, workspace: StoreApi<WorkspaceState>, response: StoreApi<ResponseState>, options: ComposerOptions = {}): StoreApi<ComposerState> {
  const { api } = deps;

  let diagnoseTimer: ReturnType<typeof setTimeout> | undefined;
  const store = createStore<ComposerState>()((set, get) => {
    function targetWorkflow(): WorkflowView | undefined {
      const name = get().workflowName;
      return name === null ? undefined : workspace.getState().workflow(name);
    }

    function diagnoseBody(kind: BodyKind, text: string): TextDiagnostic[] {
      if (kind !== 'json' || text.trim() === '') return [];
      const parsed = parseJsonText(text);
      if (!parsed.ok) return [{ from: parsed.error.from, to: parsed.error.to, severity: 'error', message: parsed.error.message }];
      const schema = targetWorkflow()?.trigger?.schema;
      if (schema === undefined) return [];
      return checkAgainstSchema(parsed.value, schema).map((issue) => {
        const range = locatePointer(text, issue.pointer, 'value');
        return { from: range?.from ?? 0, to: range?.to ?? 0, severity: 'warning', message: `Schema: ${issue.message}` };
      });
    }

    /** Headers with the auth row in step with the mode and token. */
    function withAuthHeader(headers: HeaderRow[], mode: AuthMode, token: string): HeaderRow[] {
      const others = headers.filter((h) => h.auto !== 'auth');
      if (mode !== 'bearer' || token.trim() === '') return others;
      const existing = headers.find((h) => h.auto === 'auth');
      return [{ id: existing?.id ?? rowId(), enabled: true, key: 'Authorization', value: `Bearer ${token.trim()}`, auto: 'auth' }, ...others];
    }

    /** Headers with the content-type row in step with the body kind, unless the user set their own. */
    function withContentType(headers: HeaderRow[], kind: BodyKind, file: FileBody | null): HeaderRow[] {
      const others = headers.filter((h) => h.auto !== 'content-type');
      const userSet = others.some((h) => h.enabled && h.key.trim().toLowerCase() === 'content-type');
      const type = contentTypeFor(kind, file);
      if (userSet || type === undefined) return others;
      const existing = headers.find((h) => h.auto === 'content-type');
      return [...others, { id: existing?.id ?? rowId(), enabled: true, key: 'Content-Type', value: type, auto: 'content-type' }];
    }

    function setAuthMode(mode: AuthMode): void {
      const state = get();
      let url = state.url;
      let sasParams = state.sasParams;
      if (mode === 'sas') {
        const present = parseQuery(url).some(([k]) => isSasParameter(k));
        if (!present) {
          const fromWorkflow = targetWorkflow()?.callbackUrl?.primary;
          const restore = sasParams.length > 0 ? sasParams : fromWorkflow ? stripSas(fromWorkflow).removed : [];
          if (restore.length > 0) url = withQuery(url, [...parseQuery(url), ...restore]);
        }
      } else {
        const stripped = stripSas(url);
        url = stripped.url;
        if (stripped.removed.length > 0) sasParams = stripped.removed;
      }
      set({ auth: mode, url, sasParams, params: rowsFromUrl(url, state.params), headers: withAuthHeader(state.headers, mode, state.token) });
    }

    return {
      method: 'POST',
      url: '',
      params: [],
      headers: [],
      bodyKind: 'json',
      bodyText: '',
      formRows: [],
      file: null,
      auth: 'sas',
      token: '',
      tokenClaims: undefined,
      tokenExpiresAt: undefined,
      mint: DEFAULT_MINT,
      minting: false,
      mintError: null,
      sasParams: [],
      workflowName: null,
      targetUrls: null,
      bodyDiagnostics: [],
      sendError: null,

      setMethod: (method) => set({ method: method.toUpperCase() }),
      setUrl: (url) => set({ url, params: rowsFromUrl(url, get().params), sendError: null }),
      setParams: (params) => set({ params, url: urlFromRows(get().url, params) }),
      setHeaders: (headers) => set({ headers }),
      setBodyKind: (bodyKind) => {
        const state = get();
        set({ bodyKind, headers: withContentType(state.headers, bodyKind, state.file), bodyDiagnostics: diagnoseBody(bodyKind, state.bodyText) });
      },
      setBodyText: (bodyText) => {
        if (diagnoseTimer) clearTimeout(diagnoseTimer);
        diagnoseTimer = undefined;
        if (bodyText.length <= LARGE_BODY_CHARS) {
          set({ bodyText, bodyDiagnostics: diagnoseBody(get().bodyKind, bodyText) });
          return;
        }
        // A large body: keep each keystroke cheap, check once typing pauses.
        set({ bodyText });
        diagnoseTimer = setTimeout(() => {
          diagnoseTimer = undefined;
          if (get().bodyText === bodyText) set({ bodyDiagnostics: diagnoseBody(get().bodyKind, bodyText) });
        }, LARGE_BODY_CHECK_DELAY_MS);
      },
      formatBody: () => {
        const parsed = parseJsonText(get().bodyText);
        if (parsed.ok) get().setBodyText(formatJson(parsed.value));
      },
      setFormRows: (formRows) => set({ formRows }),
      setFile: (file) => {
        const state = get();
        set({ file, headers: withContentType(state.headers, state.bodyKind, file) });
      },
      setAuth: (mode) => setAuthMode(mode),
      setToken: (token) => {
        const decoded = decodeJwt(token);
        const exp = decoded?.claims.exp;
        set({
          token,
          tokenClaims: decoded?.claims,
          tokenExpiresAt: typeof exp === 'number' ? new Date(exp * 1000).toISOString() : undefined,
          headers: withAuthHeader(get().headers, get().auth, token),
        });
      },
      setMintField: (key, value) => set({ mint: { ...get().mint, [key]: value }, mintError: null }),
      mintToken: async () => {
        const { mint } = get();
        let claims: Record<string, unknown> | undefined;
        if (mint.claimsText.trim() !== '') {
          const parsed = parseJsonText(mint.claimsText);
          if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
            set({ mintError: 'Extra claims must be a JSON object, such as { "roles": ["Reader"] }.' });
            return false;
          }
          claims = Object.keys(parsed.value).length > 0 ? (parsed.value as Record<string, unknown>) : undefined;
        }
        set({ minting: true, mintError: null });
        try {
          const result = await api.invoke('auth:mintToken', {
            ...(mint.aud.trim() ? { aud: mint.aud.trim() } : {}),
            ...(mint.sub.trim() ? { sub: mint.sub.trim() } : {}),
            ...(claims ? { claims } : {}),
            ttlSeconds: mint.ttlSeconds,
          });
          set({ minting: false, token: result.token, tokenClaims: result.claims, tokenExpiresAt: result.expiresAt, headers: withAuthHeader(get().headers, get().auth, result.token) });
          return true;
        } catch (error) {
          set({ minting: false, mintError: toUiError(error).message });
          return false;
        }
      },
      fillMintFromPolicy: (policyName) => {
        const policy = targetWorkflow()?.oauthPolicies.find((p) => p.name === policyName);
        if (!policy) return;
        set({ mint: mintFormFor(policy, get().mint), mintError: null });
      },
      useWorkflow: (name) => {
        const workflow = workspace.getState().workflow(name);
        if (!workflow) return;
        const state = get();
        set({ workflowName: name, targetUrls: workflow.callbackUrl ?? null });
        // A workflow with an OAuth policy: prefill the mint form so one click gives a matching token.
        const policy = workflow.oauthPolicies[0];
        if (policy && state.mint.aud.trim() === '') set({ mint: mintFormFor(policy, state.mint) });
        const callback = workflow.callbackUrl?.primary;
        let url = callback ?? state.url;
        let sasParams = state.sasParams;
        if (callback) {
          const stripped = stripSas(callback);
          sasParams = stripped.removed;
          if (state.auth !== 'sas') url = stripped.url;
        }
        const method = workflow.trigger?.method?.toUpperCase() || 'POST';
        const schema = workflow.trigger?.schema;
        let bodyText = state.bodyText;
        let bodyKind = state.bodyKind;
        // A starter body only into an empty editor: never overwrite what the user wrote.
        if (bodyText.trim() === '' && schema !== undefined && method !== 'GET') {
          bodyText = formatJson(exampleFromSchema(schema));
          bodyKind = 'json';
        }
        set({ url, sasParams, method, params: rowsFromUrl(url, state.params), bodyText, bodyKind, headers: withContentType(state.headers, bodyKind, state.file), sendError: null });
        set({ bodyDiagnostics: diagnoseBody(bodyKind, bodyText) });
      },
      buildRequest: () => {
        const state = get();
        const headers = state.headers.filter((h) => h.enabled && h.key.trim() !== '').map((h) => [h.key.trim(), h.value] as [string, string]);
        let body: ConsoleRequest['body'] = { kind: 'none' };
        if ((state.bodyKind === 'json' || state.bodyKind === 'text') && state.bodyText !== '') body = { kind: 'text', text: state.bodyText };
        if (state.bodyKind === 'form') body = { kind: 'form', fields: state.formRows.filter((r) => r.enabled && r.key !== '').map((r) => [r.key, r.value]) };
        if (state.bodyKind === 'file' && state.file) body = { kind: 'file', name: state.file.name, base64: state.file.base64, ...(state.file.contentType ? { contentType: state.file.contentType } : {}) };
        return { requestId: newRequestId(), method: state.method, url: state.url.trim(), headers, body };
      },
      send: async () => {
        const state = get();
        if (response.getState().phase === 'sending') return;
        const url = state.url.trim();
        if (url === '') {
          set({ sendError: 'Enter a URL, or pick a workflow to fill in its callback URL.' });
          return;
        }
        if (!/^https?:\/\//i.test(url) && !url.startsWith('{{')) {
          set({ sendError: 'The URL must start with https:// (or http://).' });
          return;
        }
        if (state.bodyKind === 'file' && !state.file) {
          set({ sendError: 'Choose a file to send, or pick another body type.' });
          return;
        }
        const built = get().buildRequest();
        const resolved = resolveRequest(built);
        if ('missing' in resolved) {
          const environment = options.variables?.().environment;
          set({ sendError: `${resolved.missing.map((n) => `{{${n}}}`).join(', ')} ${resolved.missing.length === 1 ? 'has' : 'have'} no value${environment ? ` in the environment ${environment}` : ': pick an environment that defines it'}. Add it under Environments, or replace it in the request.` });
          return;
        }
        set({ sendError: null });
        const doc = docOf(get());
        await response.getState().run(resolved.request);
        const after = response.getState();
        if (after.request?.requestId !== built.requestId) return;
        options.onSent?.(doc, after.response ? { status: after.response.status, totalMs: after.response.timings.total } : { error: after.failure?.code ?? 'SendFailed' });
      },
      loadDoc: (doc) => {
        set({ ...doc, file: null, sendError: null, mintError: null });
        get().setToken(doc.token);
        get().setBodyText(doc.bodyText);
        followTarget();
      },
    };
  });

  /** The request with `{{variables}}` replaced in the URL, header values and body text. */
  function resolveRequest(request: ConsoleRequest): { request: ConsoleRequest } | { missing: string[] } {
    const values = options.variables?.().values ?? new Map<string, string>();
    const missing: string[] = [];
    const sub = (text: string) => {
      const result = resolveVariables(text, values);
      for (const name of result.missing) if (!missing.includes(name)) missing.push(name);
      return result.text;
    };
    const body: ConsoleRequest['body'] = request.body.kind === 'text' ? { kind: 'text', text: sub(request.body.text) } : request.body.kind === 'form' ? { kind: 'form', fields: request.body.fields.map(([k, v]) => [k, sub(v)]) } : request.body;
    const resolved = { ...request, url: sub(request.url), headers: request.headers.map(([k, v]) => [k, sub(v)] as [string, string]), body };
    return missing.length > 0 ? { missing } : { request: resolved };
  }

  // The target's schema can change while the composer is open (the user edits and saves
  // it): re-check the body through the same action the editor uses.
  workspace.subscribe((next, previous) => {
    const state = store.getState();
    if (next.workspace === previous.workspace || state.workflowName === null) return;
    followTarget();
    state.setBodyText(state.bodyText);
  });

  /**
   * The listener moved (port) or a key was regenerated: the target's callback URLs
   * changed, so carry the composed URL over to them (docs/console.md: never stale).
   */
  function followTarget(): void {
    const state = store.getState();
    const current = state.workflowName === null ? undefined : workspace.getState().workflow(state.workflowName)?.callbackUrl;
    const before = state.targetUrls;
    if (!current || !before || (before.primary === current.primary && before.secondary === current.secondary)) return;
    const url = followCallbackUrl(state.url, before, current);
    const sasParams = state.sasParams.length > 0 ? signedParams(current.primary) : state.sasParams;
    store.setState({ targetUrls: current, sasParams, ...(url === undefined ? {} : { url, params: rowsFromUrl(url, state.params) }) });
  }

  return store;
}
