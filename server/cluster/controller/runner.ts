import type { DeploymentController, PassStats } from "./controller";
import type { Leadership } from "./leader";

type Options = {
  controller: DeploymentController;
  leadership: Leadership;
  /** Longest wait between passes; a change seen by a watch or a kick starts one sooner. */
  intervalMs?: number;
  onPass?: (stats: PassStats) => void;
  onError?: (error: unknown) => void;
};

/**
 * Runs reconcile passes while this process leads, one at a time: after a pass, waits for a
 * kick (a watched change, or a deployment changed in the database) or the interval.
 */
export class ControllerRunner {
  private running = false;
  private wake: (() => void) | null = null;
  private kicked = false;
  private loop: Promise<void> | null = null;

  constructor(private readonly options: Options) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ask for a pass soon (e.g. a user launched or stopped something). */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.options.leadership.release();
  }

  private async run() {
    let started = false;
    while (this.running) {
      try {
        if (await this.options.leadership.acquire()) {
          if (!started) {
            await this.options.controller.start();
            started = true;
          }
          this.kicked = false;
          // Not inside `onPass?.(…)`: without an onPass, that would skip the pass itself.
          const stats = await this.options.controller.reconcileOnce();
          this.options.onPass?.(stats);
        }
      } catch (error) {
        this.options.onError?.(error);
      }
      await this.sleep(this.options.intervalMs ?? 5_000);
    }
    if (started) await this.options.controller.stop();
  }

  private sleep(ms: number): Promise<void> {
    if (this.kicked || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }
}
