import { CodedError } from '../../src-shared/coded-error.ts';

/** A core error a user can meet (bad workflow name, unknown workflow...), with a code. */
export class WorkbenchError extends CodedError {}
