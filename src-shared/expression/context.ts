/**
 * What an expression can read from the run that evaluates it. The runtime implements it;
 * tests pass small objects. Optional members are absent where the feature does not apply
 * (variables before the run engine has them, item() outside a loop); the functions that
 * need them then fail with a clear `NotAvailable` error.
 */
export interface ExpressionContext {
  /** The object trigger() returns: { name, inputs, outputs: { headers, body, queries, relativePathParameters }, startTime, endTime, status, ... }. */
  trigger(): unknown;
  /** The object actions('X') returns { name, inputs, outputs, status, code, startTime, endTime, error }; undefined when it does not exist or has not run. */
  action(name: string): unknown | undefined;
  /** A workflow parameter's value (parameters.json, or the definition's defaultValue). */
  parameter(name: string): { found: boolean; value?: unknown };
  /** An app setting (local.settings.json `Values`), undefined when not set. */
  appsetting(name: string): string | undefined;
  /** { id, name, type, run: { id, name, type } }. */
  workflow(): unknown;
  /** A variable set by InitializeVariable. */
  variable?(name: string): { found: boolean; value?: unknown };
  /** The current item of the innermost Foreach, Query or Select. */
  item?(): unknown;
  /** The current item of the named Foreach loop. */
  items?(loopName: string): unknown;
  /** The current iteration index (0-based) of the named Foreach or Until loop around the action. */
  iterationIndexes?(loopName: string): number | undefined;
  /** The results of the actions inside a scope (Scope, Foreach, Until). */
  result?(scopeName: string): unknown;
  /** The action whose inputs are being evaluated, for action() (trackedProperties and the like). */
  currentAction?(): unknown;
  /** The signed callback URL of this workflow's trigger (what listCallbackUrl() returns); undefined when it has none. */
  callbackUrl?(): string | undefined;
  /** The current time, for utcNow(); defaults to the clock, so tests can pin it. */
  now?(): Date;
}
