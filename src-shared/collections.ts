/**
 * Saved requests and environments: the files the console keeps in the workspace so
 * users can commit, diff and share them (one file per request), and the shape that
 * Postman Collection v2.1 import and export map to and from.
 *
 * Layout inside the workspace root (a dot folder, so the workflow loader skips it):
 *
 *   .triggerbench/collections/<collection>/<request>.request.json   one saved request
 *   .triggerbench/environments/<environment>.environment.json      one environment
 *
 * Secret variable values never go into the workspace: an environment file lists the
 * variable with `secret: true` and no value, and the value lives in the data folder.
 */

/** Folder (relative to the workspace root) that holds one sub-folder per collection. */
export const COLLECTIONS_FOLDER = '.triggerbench/collections';
/** Folder (relative to the workspace root) that holds the environment files. */
export const ENVIRONMENTS_FOLDER = '.triggerbench/environments';
/** File name suffix of a saved request. */
export const REQUEST_FILE_SUFFIX = '.request.json';
/** File name suffix of an environment. */
export const ENVIRONMENT_FILE_SUFFIX = '.environment.json';
/** Current version of both file formats. */
export const COLLECTION_FORMAT_VERSION = 1;

/** A header, query or form row; disabled rows are kept but not sent. */
export interface SavedRow {
  name: string;
  value: string;
  enabled?: boolean;
}

/** The body of a saved request. `file` bodies name a path relative to the workspace root. */
export type SavedBody =
  | { mode: 'none' }
  | { mode: 'json'; text: string }
  | { mode: 'text'; text: string; contentType?: string }
  | { mode: 'form'; fields: SavedRow[] }
  | { mode: 'file'; path: string; contentType?: string };

/**
 * How a saved request authenticates. `sas`: the URL carries (or, with a `target`, is
 * signed at send time with) the SAS parameters. `bearer`: an `Authorization: Bearer`
 * header with `token` (usually a `{{variable}}`, so the token itself stays secret).
 */
export type SavedAuth = { type: 'none' } | { type: 'sas'; key?: 'primary' | 'secondary' } | { type: 'bearer'; token: string };

/**
 * A workflow of the workspace that a saved request calls. With a target the console
 * builds the callback URL when sending (current host, port and keys), so a saved
 * request never goes stale when the port changes or a key is regenerated.
 */
export interface SavedTarget {
  workflow: string;
  trigger?: string;
  /** The part after `/invoke`, without a leading slash; may contain `{{variables}}`. */
  relativePath?: string;
  /** Extra query parameters (never the SAS ones). */
  query?: SavedRow[];
}

/** One saved request (`<request>.request.json`). `{{name}}` variables may appear in url, header values and body text. */
export interface SavedRequest {
  version: typeof COLLECTION_FORMAT_VERSION;
  name: string;
  description?: string;
  method: string;
  /** The URL as typed (used when there is no `target`, and shown otherwise). */
  url: string;
  target?: SavedTarget;
  headers: SavedRow[];
  body: SavedBody;
  auth: SavedAuth;
}

/** A variable of an environment; a secret one has no `value` here (it is kept in the data folder). */
export interface EnvironmentVariable {
  name: string;
  value?: string;
  secret?: boolean;
  enabled?: boolean;
}

/** One environment (`<environment>.environment.json`). */
export interface SavedEnvironment {
  version: typeof COLLECTION_FORMAT_VERSION;
  name: string;
  variables: EnvironmentVariable[];
}

/** A collection as the core lists it: its folder name and its requests, by file name. */
export interface CollectionView {
  name: string;
  requests: { file: string; request: SavedRequest }[];
}
