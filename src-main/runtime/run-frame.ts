import type { ActionStatus, ErrorInfo, IterationIndex } from '../../src-shared/runs.ts';

/** An action's state as `actions('X')` and `result('Scope')` show it to expressions. */
export interface ActionState {
  name: string;
  inputs?: unknown;
  outputs?: unknown;
  status: ActionStatus;
  code?: string;
  startTime?: string;
  endTime?: string;
  error?: ErrorInfo;
}

/**
 * Where an action runs: the whole run, or one iteration of a loop. An iteration sees its
 * own actions first (Azure scopes `actions('X')` inside a loop to the current
 * iteration), then those of the loops around it, then the run's.
 */
export interface Frame {
  parent?: Frame;
  /** Actions that ran in this frame, by lower-cased name. */
  states: Map<string, ActionState>;
  /** The loop iteration path of this frame ([] for the run). */
  iteration: IterationIndex[];
  /** The loop this frame is an iteration of; `item` is absent for Until. */
  loop?: { name: string; index: number; item?: { value: unknown } };
}

/** The run's top frame. */
export function rootFrame(): Frame {
  return { states: new Map(), iteration: [] };
}

/** A frame for one iteration of `loop` inside `parent`. */
export function iterationFrame(parent: Frame, loop: string, index: number, item?: { value: unknown }): Frame {
  return { parent, states: new Map(), iteration: [...parent.iteration, { loop, index }], loop: { name: loop, index, item } };
}

/** A frame binding `item()` to one element (Query and Select), without an iteration of its own. */
export function itemFrame(parent: Frame, value: unknown): Frame {
  return { parent, states: parent.states, iteration: parent.iteration, loop: { name: '', index: 0, item: { value } } };
}

/** The state of the nearest action of that name, from this frame outwards. */
export function findState(frame: Frame, name: string): ActionState | undefined {
  const key = name.toLowerCase();
  for (let at: Frame | undefined = frame; at; at = at.parent) {
    const state = at.states.get(key);
    if (state) return state;
  }
  return undefined;
}

/** Records a state in its frame and, as the latest run of that action, in every frame around it. */
export function storeState(frame: Frame, state: ActionState): void {
  const key = state.name.toLowerCase();
  for (let at: Frame | undefined = frame; at; at = at.parent) at.states.set(key, state);
}

/** The innermost loop frame matching the predicate. */
export function findLoop(frame: Frame, match: (loop: NonNullable<Frame['loop']>) => boolean): Frame['loop'] {
  for (let at: Frame | undefined = frame; at; at = at.parent) if (at.loop && match(at.loop)) return at.loop;
  return undefined;
}
