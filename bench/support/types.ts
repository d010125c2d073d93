/** One measured figure, compared with its target from docs/TARGETS.md. */
export interface BenchRow {
  /** Target ID (P1…P10, R6) or a local name for supporting figures. */
  id: string;
  metric: string;
  value: number;
  unit: 'ms' | 'MB' | 'ratio' | 'rows' | 'requests' | 'count' | 's' | 'MB/s';
  /** Human-readable target, e.g. "≤ 1.5×". */
  target?: string;
  /** Whether the figure meets the target; undefined for figures without one. */
  pass?: boolean;
  note?: string;
}

export interface BenchContext {
  /** Repetitions for medians (`--runs`, default 5). */
  runs: number;
  log: (message: string) => void;
}

export interface BenchSuite {
  /** Short name used by `--only`. */
  name: string;
  title: string;
  run(context: BenchContext): Promise<BenchRow[]>;
}
