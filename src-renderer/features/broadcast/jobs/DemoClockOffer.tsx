import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BroadcastJob } from '../../../../src-preload/contract/schemas/broadcast.ts';
import { toApiError, type ApiError } from '../../../api/api-error.ts';
import { api } from '../../../api/client.ts';
import { formatDate } from '../../../lib/format.ts';
import { ErrorNotice } from '../../../ui/ErrorNotice.tsx';
import { useDemo } from '../../demo/demo-store.ts';
import { nextPlayAt } from './job-view-model.ts';

/** At most this many of a job's stores are looked at to find its time zones (demo only). */
const maxRows = 5000;

/** The time zones of a local-time job's stores: its rows, looked up in the directory. */
async function zonesOf(jobId: string): Promise<string[]> {
  const directory = await api.stores.list();
  const zoneOf = new Map(directory.stores.map((store) => [store.externalId, store.timeZone]));
  const zones = new Set<string>();
  for (let offset = 0; offset < maxRows; offset += 500) {
    const page = await api.broadcast.rows({ jobId, offset, limit: 500 });
    for (const row of page.rows) {
      const zone = zoneOf.get(row.externalId);
      if (zone) zones.add(zone);
    }
    if (offset + 500 >= page.total) break;
  }
  return [...zones];
}

/**
 * In the demo, a job scheduled for later can be played now: the sandbox's clock moves forward
 * to the next store's play time. Shows the demo clock, ticking.
 */
export function DemoClockOffer({ job }: { job: BroadcastJob }) {
  const status = useDemo((state) => state.status);
  if (!status.active || status.clock === undefined) return null;
  // Keyed by the clock main reported: the offset is measured again when it moves.
  return <DemoClock key={status.clock} job={job} clock={status.clock} />;
}

function DemoClock({ job, clock: reported }: { job: BroadcastJob; clock: number }) {
  const { t } = useTranslation('jobs');
  const active = useDemo((state) => state.status.active);
  // The sandbox's clock runs with the wall clock, plus the offset the demo moved it by.
  const [offset] = useState(() => reported - Date.now());
  const [now, setNow] = useState(() => Date.now());
  const [zones, setZones] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const local = job.schedule.kind === 'local';

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!active || !local) return;
    let current = true;
    zonesOf(job.id).then(
      (found) => current && setZones(found),
      (caught: unknown) => current && setError(toApiError(caught)),
    );
    return () => {
      current = false;
    };
  }, [active, local, job.id]);

  const clock = now + offset;
  const next = nextPlayAt(job, clock, zones);
  const time = (ms: number) => formatDate(new Date(ms).toISOString(), true);

  const move = async () => {
    if (next === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      // A second more than the gap, so the play time has surely passed on the sandbox's clock.
      const moved = await api.demo.advanceClock({ byMs: Math.ceil(next - clock) + 1000 });
      useDemo.setState({ status: moved });
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="job-demo" data-testid="demo-clock">
      <p>{t('demo.clock', { time: time(clock) })}</p>
      {next !== undefined && (
        <>
          <p>{t('demo.offer', { time: time(next) })}</p>
          <button
            type="button"
            className="button"
            disabled={busy || next - clock > 2 * 86_400_000}
            aria-describedby={`demo-hint-${job.id}`}
            onClick={() => void move()}
          >
            {t('demo.move', { time: time(next) })}
          </button>
          <p id={`demo-hint-${job.id}`} className="muted">
            {t('demo.moveHint')}
          </p>
        </>
      )}
      {error && <ErrorNotice error={error} />}
    </div>
  );
}
