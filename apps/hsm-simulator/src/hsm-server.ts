import net from 'node:net';
import { type OutageMode } from './controls';
import { type HsmEngine } from './hsm-engine';
import { encodeFrame, FrameDecoder } from './protocol/framing';

export interface HsmServerOptions {
  engine: HsmEngine;
  host?: string;
  /** 0 = any free port (tests). */
  port?: number;
  /** Largest accepted frame (after the 2-byte length); larger ones are answered ZZ15 and the connection closed. */
  maxFrameBytes?: number;
  /** A connection with no traffic for this long is closed (0 = never). */
  idleTimeoutMs?: number;
}

/**
 * The TCP side: 2-byte length-prefixed frames, answered in order per connection. Follows the outage
 * switch of the engine's controls (refuse: stop listening and drop connections; blackhole: read and
 * never answer).
 */
export class HsmServer {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly host: string;
  private boundPort: number;
  private listening = false;
  private stopped = false;
  private transition: Promise<void> = Promise.resolve();
  private readonly onOutage = (mode: OutageMode) => {
    this.transition = this.transition.then(() => this.applyOutage(mode)).catch(() => undefined);
  };

  constructor(private readonly options: HsmServerOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 1500;
    this.server = net.createServer((socket) => this.accept(socket));
    this.server.on('error', () => undefined);
  }

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<number> {
    this.options.engine.controls.on('outage', this.onOutage);
    if (this.options.engine.controls.outage !== 'refuse') await this.listen();
    return this.boundPort;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.options.engine.controls.off('outage', this.onOutage);
    await this.transition;
    this.dropConnections();
    await this.close();
  }

  /** Resolves when the last outage change has been applied (tests await it). */
  settled(): Promise<void> {
    return this.transition;
  }

  private async applyOutage(mode: OutageMode): Promise<void> {
    if (this.stopped) return;
    if (mode === 'refuse') {
      this.dropConnections();
      await this.close();
    } else if (mode === 'blackhole') {
      if (!this.listening) await this.listen();
    } else if (!this.listening) {
      await this.listen();
    }
  }

  private listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.server.once('error', onError);
      this.server.listen(this.boundPort, this.host, () => {
        this.server.off('error', onError);
        this.boundPort = (this.server.address() as net.AddressInfo).port;
        this.listening = true;
        resolve();
      });
    });
  }

  private close(): Promise<void> {
    if (!this.listening) return Promise.resolve();
    this.listening = false;
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private dropConnections(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  private accept(socket: net.Socket): void {
    const { engine } = this.options;
    if (this.stopped || engine.controls.outage === 'refuse') {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setNoDelay(true);
    if (this.options.idleTimeoutMs) socket.setTimeout(this.options.idleTimeoutMs, () => socket.destroy());
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));

    const decoder = new FrameDecoder(this.options.maxFrameBytes ?? 32_768);
    let chain: Promise<void> = Promise.resolve();
    let closing = false;
    socket.on('data', (chunk: Buffer) => {
      if (closing || engine.controls.outage === 'blackhole') return;
      for (const event of decoder.push(chunk)) {
        if (event.kind === 'oversize') {
          // The stream cannot be resynchronised: answer ZZ15 (header unknown: zeros) and close.
          closing = true;
          chain = chain.then(() => {
            socket.end(encodeFrame(engine.execute(Buffer.alloc(0))));
          });
          return;
        }
        const payload = Buffer.from(event.payload);
        chain = chain
          .then(() => engine.handle(payload))
          .then((response) => {
            if (!socket.destroyed && engine.controls.outage !== 'blackhole')
              socket.write(encodeFrame(response));
          })
          .catch(() => {
            socket.destroy();
          });
      }
    });
  }
}
