// When the engine runs by itself: app open, `online`, a timer while visible, shortly after new
// edits; `offline` shows at once. Never relies on Background Sync alone.
import { liveQuery } from 'dexie';
import { showProblem, type EngineCtx } from './requests.ts';

/** What start() listens to; the browser's window/document by default. */
export interface TriggerEnv {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
  isVisible(): boolean;
  onVisibilityChange(fn: () => void): () => void;
  /** Timer while visible (ms). */
  intervalMs?: number;
  /** Delay after a new edit before sending it (ms); 0 turns this trigger off. */
  pushDelayMs?: number;
}

/** The browser's triggers. */
export function browserEnv(): TriggerEnv {
  return {
    addEventListener: (t, fn) => window.addEventListener(t, fn),
    removeEventListener: (t, fn) => window.removeEventListener(t, fn),
    isVisible: () => document.visibilityState === 'visible',
    onVisibilityChange: (fn) => {
      document.addEventListener('visibilitychange', fn);
      return () => document.removeEventListener('visibilitychange', fn);
    },
  };
}

/** Listens to `env` and calls `kick` for a run; returns stop. */
export function startTriggers(ctx: EngineCtx, env: TriggerEnv, kick: () => void): () => void {
  const intervalMs = env.intervalMs ?? 60_000;
  const pushDelayMs = env.pushDelayMs ?? 2_000;
  const offline = () => showProblem(ctx, { code: 'offline' }, 'offline');
  env.addEventListener('online', kick);
  env.addEventListener('offline', offline);
  const unVisible = env.onVisibilityChange(() => {
    if (env.isVisible()) kick();
  });
  const timer = setInterval(() => {
    if (env.isVisible()) kick();
  }, intervalMs);
  // New edits: count them at once, send them shortly (one run for a burst of typing).
  let pushTimer: ReturnType<typeof setTimeout> | null = null;
  let lastPending = -1;
  const sub = liveQuery(() => ctx.repo.pendingCount()).subscribe({
    next: (pending) => {
      ctx.status.set({ pending });
      if (pushDelayMs > 0 && pending > lastPending && lastPending >= 0 && ctx.isOnline() && ctx.status.get().enrolled) {
        if (pushTimer) clearTimeout(pushTimer);
        pushTimer = setTimeout(kick, pushDelayMs);
      }
      lastPending = pending;
    },
    error: () => {},
  });
  kick(); // app open
  return () => {
    env.removeEventListener('online', kick);
    env.removeEventListener('offline', offline);
    unVisible();
    clearInterval(timer);
    if (pushTimer) clearTimeout(pushTimer);
    sub.unsubscribe();
  };
}
