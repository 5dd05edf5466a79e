import { CodedError } from '../../src-shared/coded-error.ts';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { RECORDING_FILE_SUFFIX, type Recording } from '../../src-shared/exchange/recording.ts';
import { RECORDING_SCHEMA } from '../../src-shared/exchange/recording-schema.ts';
import { writeFileAtomic, readTextFile } from '../files/files.ts';

/** A recording file that could not be read, with where and why. */
export class RecordingFileError extends CodedError {
  readonly file: string;
  constructor(code: string, file: string, message: string) {
    super(code, message);
    this.file = file;
  }
}

let validator: ValidateFunction | undefined;

/** The compiled recording schema (docs/schemas/recording.schema.json), built once. */
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(RECORDING_SCHEMA);
  return validator;
}

/** Checks a parsed recording against the schema; throws RecordingFileError naming the field. */
export function checkRecording(value: unknown, file: string): Recording {
  const check = validate();
  if (!check(value)) {
    const error = check.errors?.[0];
    throw new RecordingFileError('InvalidRecording', file, `${file} is not a valid recording: ${error?.instancePath || '(the document)'} ${error?.message ?? 'does not match the recording schema'}. See docs/exchange.md for the format.`);
  }
  return value as unknown as Recording;
}

/** Reads and validates one recording file. */
export async function readRecording(path: string): Promise<Recording> {
  let text: string;
  try {
    text = await readTextFile(path);
  } catch (error) {
    throw new RecordingFileError('RecordingNotFound', path, `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RecordingFileError('InvalidJson', path, `${path} is not valid JSON: ${(error as Error).message}.`);
  }
  return checkRecording(json, path);
}

/** The text a recording is written as: 2-space JSON, ending in a newline (diffs well). */
export function recordingText(recording: Recording): string {
  return `${JSON.stringify(recording, null, 2)}\n`;
}

/** Writes a recording atomically. */
export async function writeRecording(path: string, recording: Recording): Promise<void> {
  await writeFileAtomic(path, recordingText(recording));
}

/** A free `<name>.recording.json` path in `folder` (`-2`, `-3`... when taken). */
export async function freeRecordingPath(folder: string, name: string, taken: Set<string> = new Set()): Promise<string> {
  let existing: string[] = [];
  try {
    existing = (await readdir(folder)).map((entry) => entry.toLowerCase());
  } catch {
    // The folder does not exist yet: every name is free.
  }
  for (let n = 1; ; n += 1) {
    const file = `${n === 1 ? name : `${name}-${n}`}${RECORDING_FILE_SUFFIX}`;
    if (!existing.includes(file.toLowerCase()) && !taken.has(file.toLowerCase())) {
      taken.add(file.toLowerCase());
      return join(folder, file);
    }
  }
}

/** Expands files and folders (recursively) into the recording files they hold, sorted within each folder. */
export async function findRecordingFiles(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (entry.isDirectory() && !entry.name.startsWith('node_modules')) await walk(join(folder, entry.name));
      else if (entry.isFile() && entry.name.endsWith(RECORDING_FILE_SUFFIX)) found.push(join(folder, entry.name));
    }
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new RecordingFileError('RecordingNotFound', path, `${path} does not exist. Give recording files (*${RECORDING_FILE_SUFFIX}) or folders that hold them.`);
    }
    if (info.isDirectory()) {
      const before = found.length;
      await walk(path);
      if (found.length === before) throw new RecordingFileError('NoRecordings', path, `${path} holds no *${RECORDING_FILE_SUFFIX} files.`);
    } else {
      found.push(path);
    }
  }
  return found;
}
