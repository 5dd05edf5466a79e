import type { ExpressionContext } from '../../src-shared/expression/index.ts';
import { ExpressionError, evaluateTemplate } from '../../src-shared/expression/index.ts';

/** What a test run holds: the trigger, actions that ran, parameters, settings, variables. */
export interface RunState {
  trigger?: unknown;
  actions?: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  appsettings?: Record<string, string>;
  variables?: Record<string, unknown>;
  item?: unknown;
  loops?: Record<string, unknown>;
  results?: Record<string, unknown>;
  now?: Date;
}

/** An ExpressionContext over plain data, the way the runtime will build one. */
export function makeContext(state: RunState = {}): ExpressionContext {
  const ctx: ExpressionContext = {
    trigger: () => state.trigger ?? { name: 'manual', outputs: { headers: {}, body: null } },
    action: (name) => state.actions?.[name],
    parameter: (name) =>
      state.parameters && name in state.parameters ? { found: true, value: state.parameters[name] } : { found: false },
    appsetting: (name) => state.appsettings?.[name],
    workflow: () => ({ id: '/workflows/wf', name: 'wf', type: 'Microsoft.Logic/workflows', run: { id: '/runs/r1', name: 'r1', type: 'Microsoft.Logic/workflows/runs' } }),
    variable: (name) =>
      state.variables && name in state.variables ? { found: true, value: state.variables[name] } : { found: false },
    items: (loop) => state.loops?.[loop],
    result: (scope) => state.results?.[scope],
  };
  if ('item' in state) ctx.item = () => state.item;
  if (state.now) ctx.now = () => state.now!;
  return ctx;
}

/** A trigger whose outputs carry `body` and optional headers, as the listener records it. */
export function triggerWith(body: unknown, headers: Record<string, string> = {}): unknown {
  return {
    name: 'manual',
    inputs: {},
    outputs: { headers, body, queries: {}, relativePathParameters: {} },
    startTime: '2024-05-01T08:30:00.0000000Z',
    endTime: '2024-05-01T08:30:00.0000000Z',
    status: 'Succeeded',
  };
}

/** Evaluates with a context built from `state`. */
export function ev(text: string, state: RunState = {}): unknown {
  return evaluateTemplate(text, makeContext(state));
}

/** Evaluates and returns the ExpressionError it must throw (fails the test otherwise). */
export function evError(text: string, state: RunState = {}): ExpressionError {
  try {
    const value = evaluateTemplate(text, makeContext(state));
    throw new Error(`expected ${text} to fail, but it gave ${JSON.stringify(value)}`);
  } catch (error) {
    if (error instanceof ExpressionError) return error;
    throw error;
  }
}

/** The text the error points at. */
export function pointed(error: ExpressionError): string {
  return error.expression.slice(error.start, error.end);
}

/** Base64 of UTF-8 text, as the listener stores binary bodies. */
export function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}
