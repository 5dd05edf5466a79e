import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

/** The slice of autocannon 9's API the benchmark uses (the package ships no types). */
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): void;
  on(event: 'done', listener: (result: AutocannonResult) => void): void;
}
interface AutocannonResult {
  errors: number;
  non2xx: number;
}
type Autocannon = (options: Record<string, unknown>, callback: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

// autocannon is CommonJS without type declarations; require it with a typed facade.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** One load phase against one server. */
export interface LoadOptions {
  port: number;
  path: string;
  body: string;
  connections: number;
  durationSeconds: number;
  /** Receives every response's latency (ms) as it arrives, e.g. for a soak's per-window percentiles. */
  onLatency?: (ms: number) => void;
}

/** What one load phase measured, on the client side. */
export interface LoadResult {
  /** Responses received (any status). */
  responses: number;
  /** Wall time of the phase, seconds. */
  seconds: number;
  requestsPerSecond: number;
  /** Latency percentiles from every response's time (microsecond resolution), milliseconds. */
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts included (autocannon's `errors`). */
  errors: number;
  non2xx: number;
  /** CPU the load generator's process used (user + system), microseconds. */
  cpuMicros: number;
}

/** The p-th percentile of sorted values (nearest rank). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Runs autocannon for a fixed duration over HTTPS with keep-alive (one request in
 * flight per connection, no pipelining: how real callers use a callback URL).
 * Latencies come from autocannon's per-response `responseTime` (float ms) rather than
 * its histogram, which keeps whole milliseconds only: too coarse at loopback latencies.
 * autocannon always connects with `rejectUnauthorized: false`, so both servers are
 * measured the same way; the benchmark checks the runtime's chain separately.
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const instance = autocannon(
      {
        url: `https://127.0.0.1:${options.port}${options.path}`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: options.body,
        connections: options.connections,
        pipelining: 1,
        duration: options.durationSeconds,
        // SNI must be a host name, not an IP (RFC 6066); the leaves name localhost.
        servername: 'localhost',
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuBefore);
        const sorted = Float64Array.from(times).sort();
        resolve({
          responses: times.length,
          seconds,
          requestsPerSecond: times.length / seconds,
          p50Ms: percentile(sorted, 50),
          p99Ms: percentile(sorted, 99),
          errors: result.errors,
          non2xx: result.non2xx,
          cpuMicros: cpu.user + cpu.system,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      times.push(responseTimeMs);
      options.onLatency?.(responseTimeMs);
    });
  });
}
