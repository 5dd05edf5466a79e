import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_WORKSPACE } from '../../src-main/web-host/project-paths.ts';
import { runUi } from '../../src-main/web-host/ui-command.ts';

let tmp: string;
let rendererDir: string;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'tb-ui-'));
  rendererDir = join(tmp, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Triggerbench</title>');
  await cp(SAMPLE_WORKSPACE, join(tmp, 'workspace'), { recursive: true });
});

afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('triggerbench ui', () => {
  it('serves the console for the workspace, prints its URL, and stops cleanly when told', async () => {
    const out: string[] = [];
    const stop = new AbortController();
    let checked: { page: number; workflows: string[]; listener: boolean } | undefined;
    const code = await runUi(
      { workspace: join(tmp, 'workspace'), port: 0, dataDir: join(tmp, 'data'), listenerPort: 0 },
      {
        out: (line) => out.push(line),
        err: (line) => out.push(`ERR ${line}`),
        stop: stop.signal,
        rendererDir,
        onReady: ({ url }) => {
          void (async () => {
            const page = await fetch(url);
            const token = new URL(url).searchParams.get('token')!;
            const view = (await (await fetch(new URL('/api/invoke/workspace%3Aget', url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': token }, body: '{}' })).json()) as { workflows: { name: string }[] };
            const info = (await (await fetch(new URL('/api/invoke/app%3Ainfo', url), { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Triggerbench-Token': token }, body: '{}' })).json()) as { listener: { running: boolean } };
            checked = { page: page.status, workflows: view.workflows.map((w) => w.name), listener: info.listener.running };
          })().finally(() => stop.abort());
        },
      },
    );
    expect(code).toBe(0);
    expect(out.some((line) => /^Triggerbench console: http:\/\/127\.0\.0\.1:\d+\/\?token=/.test(line))).toBe(true);
    expect(out).toContain('Stopping...');
    expect(out.filter((line) => line.startsWith('ERR'))).toEqual([]);
    expect(checked?.page).toBe(200);
    expect(checked?.workflows).toContain('account');
    expect(checked?.listener).toBe(true);
  });

  it('fails with a coded message when the web host port is taken', async () => {
    const blocker = await import('node:http').then(({ createServer }) => createServer());
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const lines: string[] = [];
    try {
      const code = await runUi({ workspace: join(tmp, 'workspace'), port, dataDir: join(tmp, 'data'), listenerPort: 0 }, { out: () => {}, err: (line) => lines.push(line), stop: new AbortController().signal, rendererDir });
      expect(code).toBe(1);
      expect(lines.join('\n')).toContain(`PortInUse: Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('triggerbench ui --listener-port', () => {
  it('reads the listener port apart from the console port, and refuses a bad one', async () => {
    const { uiArgs } = await import('../../src-main/cli/commands.ts');
    expect(uiArgs(['ws', '--port', '8080', '--listener-port', '7545', '--data-dir', '/d'])).toMatchObject({ port: 8080, listenerPort: 7545, dataDir: '/d' });
    expect(uiArgs(['--data-dir', '/d']).listenerPort).toBeUndefined();
    expect(() => uiArgs(['--listener-port', 'x'])).toThrow("--listener-port must be a whole number from 0 to 65535 (got 'x')");
  });

  it('starts the listener on the given port', async () => {
    const { createServer } = await import('node:net');
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as { port: number }).port;
    await new Promise((resolve) => probe.close(resolve));
    const stop = new AbortController();
    let listener = '';
    const code = await runUi({ workspace: join(tmp, 'workspace'), port: 0, dataDir: join(tmp, 'data-lp'), listenerPort: port }, { out: () => {}, err: () => {}, stop: stop.signal, rendererDir, onReady: (info) => ((listener = info.listener), stop.abort()) });
    expect(code).toBe(0);
    expect(listener).toBe(`https://127.0.0.1:${port}`);
  });
});
