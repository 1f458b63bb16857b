import net from 'node:net';
import { encodeFrame, FrameDecoder } from './protocol/framing';

export interface HsmClientOptions {
  host?: string;
  port: number;
  /** Length of the message header the HSM is configured for (default 4). */
  headerLength?: number;
  /** Default per-command time-out. */
  timeoutMs?: number;
  connectTimeoutMs?: number;
}

export interface HsmReply {
  header: string;
  /** Two-letter response code, e.g. KR for KQ. */
  responseCode: string;
  /** Two-character payShield error code, '00' = success. */
  errorCode: string;
  /** Everything after the error code. */
  data: Buffer;
}

export class HsmTimeoutError extends Error {
  constructor(readonly command: string) {
    super(`HSM command ${command} timed out`);
    this.name = 'HsmTimeoutError';
  }
}

export class HsmConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HsmConnectionError';
  }
}

interface Pending {
  header: string;
  command: string;
  expired: boolean;
  timer?: NodeJS.Timeout;
  resolve: (reply: HsmReply) => void;
  reject: (error: Error) => void;
}

/**
 * A payShield host connection: sends length-prefixed commands with a running header, matches replies
 * by order (an HSM answers a connection in order) and checks the echoed header. A command that times
 * out keeps its place, so its late reply is recognised and dropped. Error texts never include data.
 */
export class HsmClient {
  private socket?: net.Socket;
  private readonly queue: Pending[] = [];
  private sequence = 0;
  private readonly headerLength: number;

  constructor(private readonly options: HsmClientOptions) {
    this.headerLength = options.headerLength ?? 4;
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: this.options.host ?? '127.0.0.1', port: this.options.port });
      const decoder = new FrameDecoder();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new HsmConnectionError('HSM connect timed out'));
      }, this.options.connectTimeoutMs ?? 5_000);
      socket.setNoDelay(true);
      socket.once('connect', () => {
        clearTimeout(timer);
        this.socket = socket;
        resolve();
      });
      socket.on('data', (chunk: Buffer) => {
        for (const event of decoder.push(chunk)) {
          if (event.kind === 'frame') this.onFrame(event.payload);
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new HsmConnectionError(`HSM connection failed (${error.code ?? 'error'})`));
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (this.socket === socket) this.socket = undefined;
        this.failAll(new HsmConnectionError('HSM connection closed'));
      });
    });
  }

  /** Sends a command (code + fields, without header) and resolves with the reply. */
  send(command: string | Buffer, timeoutMs = this.options.timeoutMs ?? 5_000): Promise<HsmReply> {
    const body = typeof command === 'string' ? Buffer.from(command, 'latin1') : command;
    const code = body.subarray(0, 2).toString('latin1');
    const socket = this.socket;
    if (!socket || socket.destroyed) return Promise.reject(new HsmConnectionError('HSM not connected'));
    this.sequence = (this.sequence + 1) % 10 ** Math.min(this.headerLength, 9);
    const header = String(this.sequence).padStart(this.headerLength, '0').slice(-this.headerLength);
    return new Promise<HsmReply>((resolve, reject) => {
      const pending: Pending = { header, command: code, expired: false, resolve, reject };
      pending.timer = setTimeout(() => {
        pending.expired = true;
        reject(new HsmTimeoutError(code));
      }, timeoutMs);
      this.queue.push(pending);
      socket.write(encodeFrame(Buffer.concat([Buffer.from(header, 'latin1'), body])));
    });
  }

  async close(): Promise<void> {
    const socket = this.socket;
    this.socket = undefined;
    this.failAll(new HsmConnectionError('HSM client closed'));
    if (socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 1_000).unref();
      });
    }
  }

  private onFrame(payload: Buffer): void {
    const pending = this.queue.shift();
    if (!pending) return;
    clearTimeout(pending.timer);
    if (pending.expired) return;
    const hl = this.headerLength;
    const header = payload.subarray(0, hl).toString('latin1');
    if (header !== pending.header || payload.length < hl + 4) {
      pending.reject(new HsmConnectionError('HSM reply out of order or malformed'));
      return;
    }
    pending.resolve({
      header,
      responseCode: payload.subarray(hl, hl + 2).toString('latin1'),
      errorCode: payload.subarray(hl + 2, hl + 4).toString('latin1'),
      data: Buffer.from(payload.subarray(hl + 4)),
    });
  }

  private failAll(error: Error): void {
    for (const pending of this.queue.splice(0)) {
      clearTimeout(pending.timer);
      if (!pending.expired) pending.reject(error);
    }
  }
}
