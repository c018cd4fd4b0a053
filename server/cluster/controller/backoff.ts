/** Retry delay after `failures` consecutive failures: 1 s, 2 s, 4 s … capped at 5 minutes. */
export function retryDelayMs(failures: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, failures - 1), 5 * 60_000);
}
