import { CodedError } from '../../src-shared/coded-error.ts';

/** Codes of the errors the run history can raise; stable, for the CLI and console to map. */
export type HistoryErrorCode =
  | 'HistoryOpenFailed'
  | 'HistorySchemaTooNew'
  | 'HistoryWriteFailed'
  | 'HistoryClosed'
  | 'InvalidRunRecord'
  | 'InvalidRetention';

/** An error a user can meet in the run history: a code, and a message that says what, where and how to fix. */
export class HistoryError extends CodedError<HistoryErrorCode> {
  /** The database file concerned. */
  readonly file: string;

  constructor(code: HistoryErrorCode, message: string, file: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.file = file;
  }
}
