/**
 * Only one process drives the outbox: a lock file holding the owner's pid and a heartbeat.
 * It is taken over when its owner is gone (no such process) or has not beaten for `staleMs`
 * (a pid reused by another program); a live owner is left alone, and this process reads the
 * jobs but sends nothing until the lock comes free.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface InstanceLock {
  /** True when this process holds the lock now (taken, or still held). */
  acquire(): Promise<boolean>;
  held(): boolean;
  release(): Promise<void>;
}

interface Owner {
  pid: number;
  token: string;
  beat: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function createInstanceLock(
  path: string,
  options: { staleMs?: number; heartbeatMs?: number; now?: () => number } = {},
): InstanceLock {
  const staleMs = options.staleMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const now = options.now ?? Date.now;
  const me: Owner = { pid: process.pid, token: randomUUID(), beat: 0 };
  let mine = false;
  let timer: ReturnType<typeof setInterval> | undefined;

  const readOwner = async (file = path): Promise<Owner | undefined> => {
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Owner>;
      if (typeof parsed.pid === 'number' && typeof parsed.token === 'string')
        return { pid: parsed.pid, token: parsed.token, beat: Number(parsed.beat) || 0 };
    } catch {
      // Unreadable: judged by its age alone below.
    }
    return undefined;
  };

  const create = async (): Promise<boolean> => {
    await mkdir(dirname(path), { recursive: true });
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(JSON.stringify({ ...me, beat: now() }));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  };

  const beat = () => {
    writeFile(path, JSON.stringify({ ...me, beat: now() })).catch(() => undefined);
  };

  return {
    async acquire() {
      if (mine) return true;
      if (!(await create())) {
        const owner = await readOwner();
        const age = await stat(path).then(
          (s) => now() - s.mtimeMs,
          () => 0,
        );
        const gone = owner
          ? !alive(owner.pid) || (owner.pid !== process.pid && age > staleMs)
          : age > staleMs;
        if (!gone) return false;
        // Move the stale lock aside, then make sure it was the one judged stale: a racing
        // process may have replaced it meanwhile, and that one's lock is put back.
        const aside = `${path}.stale-${me.token}`;
        try {
          await rename(path, aside);
        } catch {
          return false;
        }
        const moved = await readOwner(aside);
        if (owner && moved && moved.token !== owner.token) {
          await rename(aside, path).catch(() => undefined);
          return false;
        }
        await rm(aside, { force: true });
        if (!(await create())) return false;
      }
      mine = true;
      timer = setInterval(beat, heartbeatMs);
      timer.unref?.();
      return true;
    },
    held: () => mine,
    async release() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (!mine) return;
      mine = false;
      const owner = await readOwner();
      if (owner?.token === me.token) await rm(path, { force: true });
    },
  };
}
