/**
 * The live line on stderr while a run works: steps done of total, steps/s, elapsed, ETA and
 * failures so far, summed over the worker threads; then properties done of total. Only on a TTY,
 * and never with --quiet. Lines printed meanwhile clear it first and redraw it after.
 * @internal
 * @module
 */
import cliProgress from 'cli-progress';

const clock = (ms: number): string => {
  if (!Number.isFinite(ms)) return '--:--';
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
};

export interface Progress {
  /** Starts a phase: `total` units called `unit`; a phase already running goes on. */
  phase(label: string, total: number, unit: string): void;
  update(done: number, failures: number): void;
  /** Runs `write` with the line cleared, then redraws it. */
  around(write: () => void): void;
  stop(): void;
}

const silent: Progress = { phase() {}, update() {}, around: (write) => write(), stop() {} };

/** A progress line on `stream` when it is a TTY and not `quiet`; else one that does nothing. */
export function progressLine(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || stream.isTTY !== true) return silent;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      // payload tokens only: cli-progress's own {eta} and {duration} restart with each phase
      format: '{label} {bar} {value}/{total} {unit} · {speed} · {spent} elapsed · ETA {remaining} · {failures}',
      barsize: 20,
      hideCursor: false,
      clearOnComplete: true,
      fps: 5,
      formatValue: (v, _options, type) => (type === 'value' || type === 'total' ? v.toLocaleString('en-US') : String(v)),
    },
    cliProgress.Presets.shades_classic,
  );
  let state: { label: string; total: number; unit: string; started: number; done: number; failures: number } | null = null;
  let running = false;
  const payload = (): Record<string, string> => {
    const s = state!;
    const elapsed = performance.now() - s.started;
    const rate = elapsed > 0 ? (s.done / elapsed) * 1000 : 0;
    return {
      label: s.label,
      unit: s.unit,
      speed: `${rate.toFixed(rate < 10 ? 1 : 0)} ${s.unit}/s`,
      spent: clock(elapsed),
      remaining: rate > 0 ? clock((Math.max(0, s.total - s.done) / rate) * 1000) : '--:--',
      failures: `${s.failures} failure${s.failures === 1 ? '' : 's'}`,
    };
  };
  const draw = (): void => {
    if (state === null) return;
    if (!running) {
      bar.start(state.total, Math.min(state.done, state.total), payload());
      running = true;
    } else bar.update(Math.min(state.done, state.total), payload());
  };
  return {
    phase(label, total, unit) {
      if (state?.label === label) return;
      state = { label, total, unit, started: performance.now(), done: 0, failures: state?.failures ?? 0 };
      if (running) bar.setTotal(total);
      draw();
    },
    update(done, failures) {
      if (state === null) return;
      state.done = done;
      state.failures = failures;
      draw();
    },
    around(write) {
      if (!running) return write();
      bar.stop();
      running = false;
      write();
      draw();
    },
    stop() {
      if (running) bar.stop();
      running = false;
      state = null;
    },
  };
}
