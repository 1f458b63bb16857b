import { Client, type ClientConfig } from 'pg';

/**
 * One LISTEN connection per store, shared by its subscriptions. It reconnects after a failure and
 * wakes everyone on (re)connect, because notifications sent while it was away are lost.
 */
export class NotificationListener {
  private client: Client | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private started = false;
  private closed = false;

  constructor(
    private readonly config: ClientConfig,
    private readonly channel: string,
    private readonly onWake: () => void,
    private readonly onError: (error: Error) => void,
    private readonly retryDelayMs = 1_000,
  ) {}

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client(this.config);
    let lost = false;
    const onLost = (error?: Error): void => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      void client.end().catch(() => undefined);
      if (this.closed) return;
      if (error) this.onError(error);
      this.retryTimer = setTimeout(() => void this.connect(), this.retryDelayMs);
    };
    client.on('notification', () => this.onWake());
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
    } catch (error) {
      onLost(error as Error);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.onWake();
  }
}
