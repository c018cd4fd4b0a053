/**
 * Time source for everything the simulated cluster does on its own: kubelet delays, back-offs,
 * controller deadlines and the timestamps it writes. Network-level behaviour (watch timeouts,
 * injected delays, bookmarks) always uses real time, because the HTTP client waits in real time.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

export interface ClockTimer {
  readonly id: number;
}

/** The wall clock. Timers are unref'd so a forgotten cluster never holds a process open. */
export function realClock(): Clock {
  let seq = 0;
  const handles = new Map<number, NodeJS.Timeout>();
  return {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = ++seq;
      const handle = setTimeout(
        () => {
          handles.delete(id);
          fn();
        },
        Math.max(0, ms),
      );
      handle.unref?.();
      handles.set(id, handle);
      return { id };
    },
    clearTimeout(timer) {
      const handle = handles.get(timer.id);
      if (handle) clearTimeout(handle);
      handles.delete(timer.id);
    },
  };
}

export interface ManualClock extends Clock {
  /** Moves time forward, firing due timers in order (timers scheduled by timers fire too). */
  advance(ms: number): void;
  /** Moves time to the next pending timer and fires it; returns false when none is pending. */
  runNext(): boolean;
  pendingTimers(): number;
}

/** A clock that only moves when told to: tests advance it instead of sleeping. */
export function manualClock(start = Date.parse("2025-01-01T00:00:00Z")): ManualClock {
  let current = start;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void; seq: number }>();

  const nextDue = (limit: number) => {
    let best: { id: number; at: number; seq: number } | undefined;
    for (const [id, t] of timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = { id, at: t.at, seq: t.seq };
    }
    return best;
  };

  const clock: ManualClock = {
    now: () => current,
    setTimeout(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: current + Math.max(0, ms), fn, seq: id });
      return { id };
    },
    clearTimeout(timer) {
      timers.delete(timer.id);
    },
    advance(ms) {
      const target = current + Math.max(0, ms);
      for (;;) {
        const due = nextDue(target);
        if (!due) break;
        const t = timers.get(due.id)!;
        timers.delete(due.id);
        current = Math.max(current, t.at);
        t.fn();
      }
      current = target;
    },
    runNext() {
      const due = nextDue(Number.POSITIVE_INFINITY);
      if (!due) return false;
      const t = timers.get(due.id)!;
      timers.delete(due.id);
      current = Math.max(current, t.at);
      t.fn();
      return true;
    },
    pendingTimers: () => timers.size,
  };
  return clock;
}

/** RFC 3339 with second precision, the format Kubernetes uses for metav1.Time. */
let lastSecond = Number.NaN;
let lastText = "";
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = new Date(second * 1000).toISOString().replace(".000Z", "Z");
  }
  return lastText;
}
