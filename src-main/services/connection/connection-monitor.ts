import type {
  ConnectionStatus,
  ServiceConnection,
} from '../../../src-preload/contract/schemas/connection.ts';
import type { EventSink } from '../core/events.ts';

type ServiceKey = keyof ConnectionStatus;

/** Asks a service how it is doing right now (e.g. health + token check). */
export type ConnectionProbe = () => Promise<ServiceConnection>;

export interface ConnectionMonitor {
  status(): ConnectionStatus;
  /** Services push their state whenever it changes (sign-in, sign-out, a failed call…). */
  report(service: ServiceKey, state: ServiceConnection): void;
  setProbe(service: ServiceKey, probe: ConnectionProbe | undefined): void;
  /** Runs every probe and returns the fresh status. */
  check(): Promise<ConnectionStatus>;
}

const notConfigured = (): ServiceConnection => ({ state: 'not-configured', demo: false });

export function createConnectionMonitor(emit: EventSink): ConnectionMonitor {
  let current: ConnectionStatus = { queye: notConfigured(), musique: notConfigured() };
  const probes = new Map<ServiceKey, ConnectionProbe>();

  const report = (service: ServiceKey, state: ServiceConnection) => {
    if (JSON.stringify(current[service]) === JSON.stringify(state)) return;
    current = { ...current, [service]: state };
    emit('connection.changed', current);
  };

  return {
    status: () => current,
    report,
    setProbe(service, probe) {
      if (probe) probes.set(service, probe);
      else {
        probes.delete(service);
        report(service, notConfigured());
      }
    },
    async check() {
      await Promise.all(
        (['queye', 'musique'] as const).map(async (service) => {
          const probe = probes.get(service);
          if (!probe) return report(service, notConfigured());
          report(service, { ...current[service], state: 'checking' });
          report(service, await probe());
        }),
      );
      return current;
    },
  };
}
