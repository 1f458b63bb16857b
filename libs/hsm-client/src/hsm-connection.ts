import net from 'node:net';

export interface HsmConnectionOptions {
  readonly host?: string;
  readonly port: number;
  /** Per-command time-out (default 2000 ms; keep it well below PAYMENT_API_TIMEOUT_MS). */
  readonly timeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

/** What the HSM answered: response code (E2, E4 …), error code ('00' = success) and the rest. */
export interface HsmAnswer {
  readonly responseCode: string;
  readonly errorCode: string;
  readonly data: Buffer;
}

export class HsmConnectionFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HsmConnectionFailed';
  }
}

const HEADER_LENGTH = 4;

/**
 * One payShield-style host connection (2-byte length framing, 4-character running header), opened on
 * first use and again after a failure; shared by the e-purse merchant SAM and the acquirer simulator. Replies come in order; a command that times out destroys the
 * connection, so a late reply can never be taken for the next command's. Errors never carry data.
 */
export class HsmConnection {
  private socket?: net.Socket;
  private connecting?: Promise<net.Socket>;
  private buffer = Buffer.alloc(0);
  private sequence = 0;
  private readonly waiting: {
    header: string;
    resolve: (a: HsmAnswer) => void;
    reject: (e: Error) => void;
  }[] = [];

  constructor(private readonly options: HsmConnectionOptions) {}

  async send(command: Buffer): Promise<HsmAnswer> {
    const socket = await this.open();
    this.sequence = (this.sequence + 1) % 10_000;
    const header = String(this.sequence).padStart(HEADER_LENGTH, '0');
    const payload = Buffer.concat([Buffer.from(header, 'latin1'), command]);
    const frame = Buffer.alloc(2 + payload.length);
    frame.writeUInt16BE(payload.length);
    payload.copy(frame, 2);
    return new Promise<HsmAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.drop(new HsmConnectionFailed('HSM command timed out'));
      }, this.options.timeoutMs ?? 2000);
      this.waiting.push({
        header,
        resolve: (a) => {
          clearTimeout(timer);
          resolve(a);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      socket.write(frame);
    });
  }

  close(): void {
    this.drop(new HsmConnectionFailed('HSM connection closed'));
  }

  private open(): Promise<net.Socket> {
    if (this.socket && !this.socket.destroyed) return Promise.resolve(this.socket);
    this.connecting ??= new Promise<net.Socket>((resolve, reject) => {
      const socket = net.connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new HsmConnectionFailed('HSM connect timed out'));
      }, this.options.connectTimeoutMs ?? 2000);
      socket.setNoDelay(true);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        this.buffer = Buffer.alloc(0);
        resolve(socket);
      });
      socket.on('data', (chunk: Buffer) => this.onData(chunk));
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new HsmConnectionFailed(`HSM connection failed (${error.code ?? 'error'})`));
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (this.socket === socket) this.drop(new HsmConnectionFailed('HSM connection closed'));
      });
    }).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 2 && this.buffer.length >= 2 + this.buffer.readUInt16BE(0)) {
      const payload = this.buffer.subarray(2, 2 + this.buffer.readUInt16BE(0));
      this.buffer = this.buffer.subarray(2 + payload.length);
      const next = this.waiting.shift();
      if (!next) continue;
      const header = payload.subarray(0, HEADER_LENGTH).toString('latin1');
      if (header !== next.header || payload.length < HEADER_LENGTH + 4) {
        next.reject(new HsmConnectionFailed('HSM reply out of order or malformed'));
        continue;
      }
      next.resolve({
        responseCode: payload.subarray(HEADER_LENGTH, HEADER_LENGTH + 2).toString('latin1'),
        errorCode: payload.subarray(HEADER_LENGTH + 2, HEADER_LENGTH + 4).toString('latin1'),
        data: Buffer.from(payload.subarray(HEADER_LENGTH + 4)),
      });
    }
  }

  private drop(error: Error): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    for (const w of this.waiting.splice(0)) w.reject(error);
  }
}
