import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { checkStoreName, isRequestFileName, requestFileName } from '../../src-shared/collections-schema.ts';
import { COLLECTIONS_FOLDER, REQUEST_FILE_SUFFIX, type CollectionView, type SavedRequest } from '../../src-shared/collections.ts';
import type { Problem } from '../../src-shared/problems.ts';
import { writeFileAtomic } from '../files/files.ts';
import { CollectionError } from './collection-error.ts';
import { listFolder, readStoreFile, requireValid, storeText } from './store-files.ts';

/** Every collection of the workspace, with the files that did not load as problems. */
export interface CollectionsListing {
  collections: CollectionView[];
  problems: Problem[];
}

function requireCollectionName(name: string): void {
  const why = checkStoreName('collection', name);
  if (why) throw new CollectionError('InvalidCollectionName', why);
}

function requireRequestFile(file: string): void {
  if (!isRequestFileName(file)) throw new CollectionError('InvalidRequestFile', `'${file}' is not a saved-request file name: it must end in ${REQUEST_FILE_SUFFIX} and use letters, digits, spaces and '_ . ( ) -' (no folders).`);
}

/**
 * Saved requests in the workspace: `.triggerbench/collections/<collection>/<request>.request.json`,
 * one readable file per request so they diff and merge well (docs/console.md).
 */
export function collectionStore(root: string) {
  const folder = join(root, COLLECTIONS_FOLDER);

  /** Reads every collection; bad files are reported, not fatal. */
  async function list(): Promise<CollectionsListing> {
    const collections: CollectionView[] = [];
    const problems: Problem[] = [];
    for (const entry of await listFolder(folder)) {
      if (!entry.isDirectory || checkStoreName('collection', entry.name)) continue;
      const view: CollectionView = { name: entry.name, requests: [] };
      for (const file of await listFolder(join(folder, entry.name))) {
        if (!file.isFile || !file.name.endsWith(REQUEST_FILE_SUFFIX)) continue;
        const relative = `${COLLECTIONS_FOLDER}/${entry.name}/${file.name}`;
        const read = await readStoreFile<SavedRequest>('request', join(folder, entry.name, file.name), relative);
        if (read.value) view.requests.push({ file: file.name, request: read.value });
        if (read.problem) problems.push(read.problem);
      }
      view.requests.sort((a, b) => a.request.name.localeCompare(b.request.name));
      collections.push(view);
    }
    return { collections, problems };
  }

  /**
   * Writes one request. Without `file` a new file is named after the request; with one,
   * that file is replaced (the request may have been renamed: its file name stays, so
   * history in git follows it). Returns the file name.
   */
  async function saveRequest(collection: string, request: SavedRequest, file?: string): Promise<string> {
    requireCollectionName(collection);
    requireValid('request', request);
    const dir = join(folder, collection);
    let name = file;
    if (name === undefined) {
      const taken = (await listFolder(dir)).map((entry) => entry.name);
      name = requestFileName(request.name, taken);
    }
    requireRequestFile(name);
    await writeFileAtomic(join(dir, name), storeText(request));
    return name;
  }

  /** Deletes one request file; the collection folder goes too when it is left empty. */
  async function deleteRequest(collection: string, file: string): Promise<void> {
    requireCollectionName(collection);
    requireRequestFile(file);
    const dir = join(folder, collection);
    if (!(await listFolder(dir)).some((entry) => entry.name === file)) throw new CollectionError('RequestNotFound', `There is no saved request '${file}' in the collection '${collection}'.`);
    await rm(join(dir, file));
    await rmdir(dir).catch(() => undefined); // not empty: other requests (or the user's files) stay
  }

  /** Deletes a collection's request files and, when nothing else is left in it, its folder. */
  async function deleteCollection(collection: string): Promise<void> {
    requireCollectionName(collection);
    const dir = join(folder, collection);
    const entries = await listFolder(dir);
    if (entries.length === 0) throw new CollectionError('CollectionNotFound', `There is no collection '${collection}' in ${COLLECTIONS_FOLDER}.`);
    for (const entry of entries) if (entry.isFile && entry.name.endsWith(REQUEST_FILE_SUFFIX)) await rm(join(dir, entry.name));
    await rmdir(dir).catch(() => undefined);
  }

  return { list, saveRequest, deleteRequest, deleteCollection };
}

/** The saved-request store of one workspace. */
export type CollectionStore = ReturnType<typeof collectionStore>;
