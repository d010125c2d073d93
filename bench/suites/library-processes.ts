import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { QueyeTarget, WorkerJob } from './library-worker.ts';

const workerPath = fileURLToPath(new URL('./library-worker.ts', import.meta.url));

function start(job: WorkerJob): { child: ChildProcess; firstLine: Promise<string> } {
  const child = spawn(process.execPath, [workerPath], {
    env: { ...process.env, AISLECAST_BENCH: JSON.stringify(job) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const firstLine = new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`benchmark worker exited with ${code}`)));
  });
  return { child, firstLine };
}

/** Runs one measuring job in a fresh Node process and returns its JSON result. */
export async function runWorker<T>(job: WorkerJob): Promise<T> {
  const { child, firstLine } = start(job);
  const line = await firstLine;
  await new Promise((resolve) =>
    child.exitCode === null ? child.once('exit', resolve) : resolve(0),
  );
  return JSON.parse(line) as T;
}

/** A sandbox with `tracks` tracks in its own process; `stop()` ends it. */
export async function sandboxProcess(
  tracks: number,
): Promise<{ target: QueyeTarget; stop(): Promise<void> }> {
  const { child, firstLine } = start({ mode: 'sandbox', tracks });
  const target = JSON.parse(await firstLine) as QueyeTarget;
  return {
    target,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin?.end();
      }),
  };
}
