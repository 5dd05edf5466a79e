import { CodedError } from '../../src-shared/coded-error.ts';

/** Codes of the errors a user can meet while the local CA and server certificates are loaded or created. */
export type TlsMaterialErrorCode =
  | 'TLS_FILE_UNREADABLE'
  | 'TLS_FILE_CORRUPT'
  | 'TLS_CA_INCOMPLETE'
  | 'TLS_CA_KEY_MISMATCH'
  | 'TLS_CA_INVALID'
  | 'TLS_WRITE_FAILED'
  | 'TLS_LOCK_TIMEOUT'
  | 'TLS_INVALID_HOSTNAME';

/**
 * An error about the files in `<dataDir>/tls/`: a stable code, the file it is about, and a
 * message that says what is wrong and how to fix it (house rule: errors carry what, where, how).
 */
export class TlsMaterialError extends CodedError<TlsMaterialErrorCode> {
  /** Absolute path of the file or folder the error is about; undefined for a bad hostname. */
  readonly file: string | undefined;

  constructor(code: TlsMaterialErrorCode, file: string | undefined, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.file = file;
  }
}
