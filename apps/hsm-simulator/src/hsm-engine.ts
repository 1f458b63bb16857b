import { setTimeout as sleep } from 'node:timers/promises';
import { COMMANDS, type CommandContext } from './commands';
import { HsmControls } from './controls';
import { type Lmk } from './crypto/lmk';
import { HsmError, responseCodeFor } from './protocol/errors';
import { FieldReader } from './protocol/fields';

export const DEFAULT_FIRMWARE = '0007-E000'; // 9 characters, the shape of a payShield firmware number

export interface HsmEngineOptions {
  lmk: Lmk;
  headerLength?: number;
  firmware?: string;
  controls?: HsmControls;
}

/**
 * Turns one request payload (header + command code + fields) into the response payload
 * (header + response code + error code + fields). Never throws: bad input is an error code.
 */
export class HsmEngine {
  readonly headerLength: number;
  readonly controls: HsmControls;
  private readonly ctx: CommandContext;

  constructor(options: HsmEngineOptions) {
    this.headerLength = options.headerLength ?? 4;
    this.controls = options.controls ?? new HsmControls();
    const firmware = (options.firmware ?? DEFAULT_FIRMWARE).padEnd(9).slice(0, 9);
    this.ctx = { lmk: options.lmk, firmware };
  }

  /** Applies latency and error injection around `execute`. */
  async handle(payload: Buffer): Promise<Buffer> {
    const response = this.execute(payload);
    if (this.controls.latencyMs > 0) await sleep(this.controls.latencyMs);
    return response;
  }

  execute(payload: Buffer): Buffer {
    const hl = this.headerLength;
    const header = Buffer.alloc(hl, '0');
    payload.copy(header, 0, 0, Math.min(hl, payload.length));
    if (payload.length < hl + 2) return this.reply(header, 'ZZ', '15');
    const command = payload.subarray(hl, hl + 2).toString('latin1');
    const responseCode = responseCodeFor(command);
    const handler = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!handler || this.controls.isDisabled(command)) return this.reply(header, responseCode, '68');
    this.controls.countProcessed(command);
    const injected = this.controls.takeInjected(command);
    if (injected !== undefined) return this.reply(header, responseCode, injected);
    try {
      const out = handler(new FieldReader(payload.subarray(hl + 2)), this.ctx);
      return this.reply(
        header,
        responseCode,
        '00',
        typeof out === 'string' ? Buffer.from(out, 'latin1') : out,
      );
    } catch (error) {
      // Only the code leaves the HSM; an unexpected exception is an internal error, never a crash.
      return this.reply(header, responseCode, error instanceof HsmError ? error.code : '41');
    }
  }

  private reply(header: Buffer, code: string, error: string, body: Buffer = Buffer.alloc(0)): Buffer {
    return Buffer.concat([header, Buffer.from(code + error, 'latin1'), body]);
  }
}
