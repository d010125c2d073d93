import { createWriteStream, mkdirSync, renameSync, statSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { pino } from 'pino';
import type { Redactor } from './redactor.ts';

/** The logging surface services depend on (pino's, narrowed). */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  redactor: Redactor;
  level?: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Log file; rotated once to `<file>.1` when it grows past `maxBytes` at start-up. */
  file?: string;
  maxBytes?: number;
  /** Echo lines to stderr (development, browser host). */
  console?: boolean;
  /** Extra sink for every scrubbed line (tests scan it for secrets). */
  sink?: (line: string) => void;
}

export interface ManagedLogger {
  logger: Logger;
  close(): Promise<void>;
}

function openLogFile(file: string, maxBytes: number): WriteStream {
  mkdirSync(dirname(file), { recursive: true });
  try {
    if (statSync(file).size > maxBytes) renameSync(file, `${file}.1`);
  } catch {
    // No previous log: nothing to rotate.
  }
  return createWriteStream(file, { flags: 'a', mode: 0o600 });
}

/**
 * One logger for all of main. Every serialised line passes through the redactor before it
 * reaches any destination, so no call site can leak a secret by logging the wrong object.
 */
export function createLogger(options: LoggerOptions): ManagedLogger {
  const file = options.file ? openLogFile(options.file, options.maxBytes ?? 5_000_000) : undefined;
  const destination = {
    write(line: string) {
      const clean = options.redactor.scrub(line);
      file?.write(clean);
      if (options.console) process.stderr.write(clean);
      options.sink?.(clean);
    },
  };
  const logger = pino(
    {
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err },
    },
    destination,
  );
  return {
    logger,
    close: () =>
      new Promise<void>((resolve) => {
        if (!file) return resolve();
        file.end(() => resolve());
      }),
  };
}

/** A logger that drops everything; for tests that do not inspect logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
