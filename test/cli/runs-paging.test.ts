import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRunHistory } from '../../src-main/history/history.ts';
import { fullRun } from '../history/fixtures/run-record.ts';
import { runCli } from './cli-helpers.ts';

// `triggerbench runs` showed at most 1,000 runs: scripts could not reach the rest.

const TOTAL = 1_205;
let dataDir: string;
/** Every recorded id, newest first. */
let newestFirst: string[];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tb-runs-paging-'));
  const history = openRunHistory(dataDir);
  const ids: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const run = fullRun({ startTime: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(), workflow: i % 2 === 0 ? 'even' : 'odd' });
    history.record(run);
    ids.push(run.id);
  }
  history.close();
  newestFirst = ids.reverse();
}, 60_000);

afterAll(() => rm(dataDir, { recursive: true, force: true }));

const ids = (stdout: string): string[] => stdout.trim().split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { id: string }).id);

describe('triggerbench runs: paging', () => {
  it('--before walks every run, newest first, a page at a time, in the same --json line shape', async () => {
    const first = await runCli(['runs', '--json', '--limit', '1000', '--data-dir', dataDir]);
    expect(first.code).toBe(0);
    const page1 = ids(first.stdout);
    expect(page1).toEqual(newestFirst.slice(0, 1000));
    expect(Object.keys(JSON.parse(first.stdout.split('\n')[0]!) as object)).toEqual(expect.arrayContaining(['id', 'workflow', 'trigger', 'status', 'method', 'url', 'startTime']));
    const second = await runCli(['runs', '--json', '--limit', '1000', '--before', page1.at(-1)!, '--data-dir', dataDir]);
    expect(ids(second.stdout)).toEqual(newestFirst.slice(1000));
    const last = await runCli(['runs', '--json', '--before', newestFirst.at(-1)!, '--data-dir', dataDir]);
    expect(last).toMatchObject({ code: 0, stdout: '' });
  });

  it('--offset skips the newest runs; filters apply to every page', async () => {
    const skipped = await runCli(['runs', '--json', '--offset', '1200', '--data-dir', dataDir]);
    expect(ids(skipped.stdout)).toEqual(newestFirst.slice(1200));
    const evens = newestFirst.filter((_, i) => (TOTAL - 1 - i) % 2 === 0);
    const page = await runCli(['runs', '--json', '--workflow', 'even', '--limit', '5', '--before', evens[2]!, '--data-dir', dataDir]);
    expect(ids(page.stdout)).toEqual(evens.slice(3, 8));
  });

  it('the text listing says how to get the next page; an unknown --before id is a clear error', async () => {
    const text = await runCli(['runs', '--limit', '3', '--data-dir', dataDir]);
    expect(text.stdout).toContain(`More: triggerbench runs --before ${newestFirst[2]} --limit 3`);
    const unknown = await runCli(['runs', '--before', 'nope', '--data-dir', dataDir]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('--before nope');
  });
});
