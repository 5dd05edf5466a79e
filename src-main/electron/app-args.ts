/** What the desktop app takes on its command line. */
export interface AppArgs {
  dataDir?: string;
  workspace?: string;
}

/**
 * Reads `--data-dir DIR` / `--data-dir=DIR` and `--workspace DIR` / `--workspace=DIR`
 * from the app's argv; everything else (Electron's and Chromium's own switches, the app
 * path) is ignored.
 */
export function parseAppArgs(argv: readonly string[]): AppArgs {
  const args: AppArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    for (const [flag, key] of [['--data-dir', 'dataDir'], ['--workspace', 'workspace']] as const) {
      if (arg === flag && i + 1 < argv.length) args[key] = argv[++i];
      else if (arg.startsWith(`${flag}=`)) args[key] = arg.slice(flag.length + 1);
    }
  }
  return args;
}
