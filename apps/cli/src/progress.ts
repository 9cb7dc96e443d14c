import { SingleBar, Presets } from 'cli-progress';
import type { Output } from './output';

export interface Progress {
  start(total: number, label: string): void;
  update(done: number, detail?: string): void;
  stop(): void;
}

/**
 * A progress bar on an interactive terminal; elsewhere (pipes, CI logs) a line every few seconds,
 * so long work never looks stuck and logs stay readable.
 */
export function progressFor(out: Output, unit: string): Progress {
  if (out.interactive) {
    const bar = new SingleBar(
      {
        format: `{label} [{bar}] {percentage}% | {value}/{total} ${unit} | {detail} | eta {eta_formatted}`,
        hideCursor: true,
        stream: out.stderr,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    return {
      start: (total, label) => bar.start(total, 0, { label, detail: '' }),
      update: (done, detail = '') => bar.update(done, { detail }),
      stop: () => bar.stop(),
    };
  }
  let total = 0;
  let label = '';
  let last = 0;
  return {
    start(t, l) {
      total = t;
      label = l;
      last = Date.now();
    },
    update(done, detail = '') {
      if (Date.now() - last < 3000) return;
      last = Date.now();
      out.error(`${label}: ${done}/${total} ${unit}${detail ? ` (${detail})` : ''}`);
    },
    stop: () => undefined,
  };
}
