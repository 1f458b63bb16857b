import type { Pool } from 'pg';

/**
 * Wakes subscribers (in every process) after appends commit: one NOTIFY per burst of appends instead
 * of one inside each append transaction (which would serialise commits, see schema.ts). A NOTIFY
 * that is lost (crash between commit and notify) only delays readers until their fallback poll.
 */
export class PostCommitNotifier {
  private inFlight: Promise<void> | undefined;
  private again = false;

  constructor(
    private readonly pool: Pool,
    private readonly channel: string,
    private readonly onError: (error: Error) => void,
  ) {}

  /** An append committed. */
  touch(): void {
    if (this.inFlight) {
      this.again = true; // coalesce: one more NOTIFY after the current one covers all of these
      return;
    }
    this.inFlight = this.send().finally(() => {
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        this.touch();
      }
    });
  }

  /** Resolves when no NOTIFY is pending. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private async send(): Promise<void> {
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [this.channel, '']);
    } catch (error) {
      this.onError(error as Error);
    }
  }
}
