/** Small helpers for benchmarks: latency percentiles under a fixed concurrency. */
export interface Figures {
  name: string;
  requests: number;
  seconds: number;
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

/** Runs `op` `total` times with `concurrency` in flight; returns latency figures in ms. */
export async function measure(
  name: string,
  total: number,
  concurrency: number,
  op: (i: number) => Promise<void>,
): Promise<Figures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const t0 = performance.now();
      await op(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    name,
    requests: total,
    seconds,
    throughput: total / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

export function printTable(title: string, rows: Figures[]): void {
  const fmt = (n: number, d = 2) => n.toFixed(d).padStart(9);
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'operation'.padEnd(44)}${'requests'.padStart(9)}${'req/s'.padStart(9)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'p99 ms'.padStart(9)}\n`,
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.name.padEnd(44)}${String(r.requests).padStart(9)}${fmt(r.throughput, 0)}${fmt(r.p50)}${fmt(r.p95)}${fmt(r.p99)}\n`,
    );
  }
}

export function expectOk(res: Response, what: string): void {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status}`);
}
