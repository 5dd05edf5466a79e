/** What the desktop app takes on its command line. */
export interface AppArgs {
  dataDir?: string;
  workspace?: string;
  /** Listener port for this start (overrides the saved setting; 0 = a free port). */
  port?: number;
}

/**
 * Reads `--data-dir DIR`, `--workspace DIR` and `--port N` (or `--flag=value`) from the
 * app's argv; everything else (Electron's and Chromium's own switches, the app path) is
 * ignored, as is a port that is not an integer in 0-65535.
 */
export function parseAppArgs(argv: readonly string[]): AppArgs {
  const args: AppArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    for (const flag of ['--data-dir', '--workspace', '--port'] as const) {
      let value: string | undefined;
      if (arg === flag && i + 1 < argv.length) value = argv[++i];
      else if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1);
      if (value === undefined) continue;
      if (flag === '--data-dir') args.dataDir = value;
      else if (flag === '--workspace') args.workspace = value;
      else if (/^\d{1,5}$/.test(value) && Number(value) <= 65535) args.port = Number(value);
    }
  }
  return args;
}
