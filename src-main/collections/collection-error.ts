import { CodedError } from '../../src-shared/coded-error.ts';

/** Codes of the errors the saved-request and environment stores raise; stable for the console and the CLI. */
export type CollectionErrorCode = 'NoWorkspace' | 'InvalidCollectionName' | 'InvalidEnvironmentName' | 'InvalidRequestFile' | 'InvalidSavedRequest' | 'InvalidEnvironment' | 'RequestNotFound' | 'CollectionNotFound' | 'EnvironmentNotFound' | 'EnvironmentExists';

/** An error a user can meet while saving or deleting a saved request or an environment. */
export class CollectionError extends CodedError<CollectionErrorCode> {}
