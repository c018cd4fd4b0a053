import pg from "pg";

/** Whether this process may act. Only the leader reconciles; the others wait. */
export interface Leadership {
  /** Tries to become (or stay) the leader; true while leading. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

/** A fixed advisory-lock key for "the deployment controller" (distinct from the migrator's). */
export const CONTROLLER_LOCK_KEY = 0x706f7274; // "port"

/**
 * Leadership through a PostgreSQL session advisory lock, held on a connection of its own:
 * if this process dies or its connection drops, PostgreSQL releases the lock and another
 * replica takes over on its next try.
 */
export class AdvisoryLockLeadership implements Leadership {
  private client: pg.Client | null = null;
  private leading = false;

  constructor(
    private readonly connectionString: string,
    private readonly key = CONTROLLER_LOCK_KEY,
  ) {}

  async acquire(): Promise<boolean> {
    try {
      if (!this.client) {
        const client = new pg.Client({ connectionString: this.connectionString });
        client.on("error", () => this.drop());
        await client.connect();
        this.client = client;
      }
      if (this.leading) {
        await this.client.query("SELECT 1"); // still connected, so still holding the lock
        return true;
      }
      const { rows } = await this.client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
        this.key,
      ]);
      this.leading = rows[0]?.locked === true;
      return this.leading;
    } catch {
      this.drop();
      return false;
    }
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leading = false;
    if (client) await client.end().catch(() => undefined);
  }

  private drop() {
    this.leading = false;
    const client = this.client;
    this.client = null;
    client?.end().catch(() => undefined);
  }
}

/** The embedded database serves one process, which is therefore always the leader. */
export class SingleProcessLeadership implements Leadership {
  async acquire() {
    return true;
  }
  async release() {}
}
