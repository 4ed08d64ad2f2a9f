import { SingleBar } from 'cli-progress';
import type { CliContext } from './context.ts';

/** Work shorter than this finishes without a bar flashing past. */
const showAfterMs = 400;

export interface ProgressBar {
  update(value: number, payload?: Record<string, unknown>): void;
  setTotal(total: number): void;
  stop(): void;
}

/**
 * A progress bar on stderr that appears only when the work lasts more than a moment, and only
 * on a terminal: piped or captured stderr gets no control characters.
 */
export function delayedProgressBar(ctx: CliContext, format: string, total: number): ProgressBar {
  const bar = new SingleBar({
    format,
    stream: ctx.streams.stderr,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let state = { value: 0, total, payload: {} as Record<string, unknown> };
  let started = false;
  const timer = ctx.streams.stderr.isTTY
    ? setTimeout(() => {
        started = true;
        bar.start(state.total, state.value, state.payload);
      }, showAfterMs)
    : undefined;
  timer?.unref();

  return {
    update(value, payload = {}) {
      state = { ...state, value, payload: { ...state.payload, ...payload } };
      if (started) bar.update(value, state.payload);
    },
    setTotal(newTotal) {
      state = { ...state, total: newTotal };
      if (started) bar.setTotal(newTotal);
    },
    stop() {
      if (timer) clearTimeout(timer);
      if (started) bar.stop();
      started = false;
    },
  };
}
