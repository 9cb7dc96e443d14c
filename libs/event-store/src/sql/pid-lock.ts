import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One process per folder, by PID: the lock file holds the owner's process id. A lock whose owner is gone
 * (it crashed or was killed) is taken over at once — the embedded database recovers like PostgreSQL after
 * a crash. Mtime-based locks would keep a killed owner's folder blocked for their staleness period.
 * Returns a release function, or undefined when a live process holds the folder.
 */
export function acquirePidLock(path: string): (() => void) | undefined {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = NaN;
      try {
        owner = Number(readFileSync(path, 'utf8').trim());
      } catch {
        continue;
      }
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) return undefined;
      try {
        unlinkSync(path);
      } catch {
        // another process took it over first: try again
      }
    }
  }
  return undefined;
}
