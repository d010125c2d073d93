import type { RequestLogEntry, ServiceName } from '../http/pipeline.ts';

const capacity = 20_000;

/** Every API call either listener answered (control calls excluded), newest last, bounded. */
export interface RequestLog {
  add(entry: RequestLogEntry): void;
  list(filter?: { service?: ServiceName; pathPrefix?: string }): RequestLogEntry[];
  clear(): void;
}

export function createRequestLog(): RequestLog {
  let entries: RequestLogEntry[] = [];
  return {
    add(entry) {
      entries.push(entry);
      if (entries.length > capacity * 1.5) entries = entries.slice(-capacity);
    },
    list(filter = {}) {
      const recent = entries.slice(-capacity);
      return recent.filter(
        (entry) =>
          (!filter.service || entry.service === filter.service) &&
          (!filter.pathPrefix || entry.path.startsWith(filter.pathPrefix)),
      );
    },
    clear() {
      entries = [];
    },
  };
}
