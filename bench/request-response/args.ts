/** Options of the Request→Response benchmark. */
export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  /** Concurrent keep-alive connections: each count is measured in turn (default 10, then 50). */
  connections: number[];
  /** Rounds of (runtime, bare) measurements, alternating the order; the ratio reported is the median. */
  rounds: number;
  /** Folder for a `--cpu-prof` profile of the runtime child, when set. */
  profileDir?: string;
  /** Seconds of the soak (runtime only, at the last connection count), 0 for none. */
  soakSeconds: number;
  /** Seconds between two soak samples. */
  soakIntervalSeconds: number;
  json: boolean;
  help: boolean;
}

/** Usage text for `--help`. */
export const USAGE = `Usage: node bench/request-response.bench.ts [options]   (or: npm run bench -- [options])

Drives the Triggerbench Request->Response path and a bare node:https server that
returns the same bytes, one after the other, with autocannon (keep-alive, HTTPS,
TLS 1.2) and prints requests/s, p50/p99 latency, and the ratio runtime/bare.

Options:
  --duration SECONDS     measured load per server (default 10)
  --warmup SECONDS       unmeasured load before it (default 3)
  --connections N[,N..]  concurrent keep-alive connections; each count is measured
                         in turn, with its own table and verdicts (default 10,50)
  --rounds N             measure both servers N times, alternating which goes first,
                         and report the median ratio (default 1; use 3+ on a busy machine)
  --soak SECONDS         then load the runtime alone that long at the last connection
                         count, sampling RSS, heap and the history's lag (default 0: none)
  --soak-interval S      seconds between soak samples (default 10)
  --profile DIR          write V8 CPU profiles of both servers to DIR/runtime, DIR/bare
  --json                 also print the figures as one JSON line
  --help                 this text`;

/** A bad command line, with the message to print (exit code 2). */
export class BenchArgsError extends Error {
  readonly code = 'BenchUsage';
}

function positive(flag: string, value: string | undefined, integer: boolean): number {
  const n = Number(value);
  if (value === undefined || value.startsWith('--') || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new BenchArgsError(`${flag} needs a ${integer ? 'whole ' : ''}number above 0 (got ${value === undefined ? 'nothing' : `'${value}'`}).`);
  }
  return n;
}

/** Parses the benchmark's flags; throws BenchArgsError on unknown flags and bad values. */
export function parseBenchArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { durationSeconds: 10, warmupSeconds: 3, connections: [10, 50], rounds: 1, soakSeconds: 0, soakIntervalSeconds: 10, json: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes('=') ? (argv[i]!.split('=', 2) as [string, string]) : [argv[i]!, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--duration':
        options.durationSeconds = positive(flag, value(), false);
        break;
      case '--warmup':
        options.warmupSeconds = positive(flag, value(), false);
        break;
      case '--connections': {
        const list = value();
        options.connections = (list ?? '').split(',').map((n) => positive(flag, n === '' ? list : n, true));
        break;
      }
      case '--soak':
        options.soakSeconds = positive(flag, value(), false);
        break;
      case '--soak-interval':
        options.soakIntervalSeconds = positive(flag, value(), false);
        break;
      case '--rounds':
        options.rounds = positive(flag, value(), true);
        break;
      case '--profile': {
        const dir = value();
        if (!dir || dir.startsWith('--')) throw new BenchArgsError('--profile needs a folder to write the .cpuprofile to.');
        options.profileDir = dir;
        break;
      }
      case '--json':
        options.json = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      default:
        throw new BenchArgsError(`Unknown option '${argv[i]}'. Run with --help for the options.`);
    }
  }
  return options;
}
