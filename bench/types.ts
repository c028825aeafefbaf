export interface BenchRow {
  metric: string;
  value: string;
  /** The same figure for the baseline measured in the same run. */
  baseline?: string;
}

export interface Benchmark {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}
