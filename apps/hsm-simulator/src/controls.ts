import { EventEmitter } from 'node:events';

/** none: normal; refuse: the port is closed and open connections dropped; blackhole: connections are accepted, nothing is answered. */
export type OutageMode = 'none' | 'refuse' | 'blackhole';
export const OUTAGE_MODES: readonly OutageMode[] = ['none', 'refuse', 'blackhole'];

export interface HsmControlsSnapshot {
  latencyMs: number;
  outage: OutageMode;
  disabled: string[];
  injected: { command: string; code: string; remaining: number }[];
  processed: Record<string, number>;
}

const COMMAND = /^([A-Z0-9]{2}|\*)$/;
const ERROR_CODE = /^[0-9A-Z]{2}$/;

/**
 * Test controls of the simulator: latency, error injection, disabled commands and an outage switch.
 * Used in-process by tests and over the admin HTTP port. There is no approve-all switch.
 */
export class HsmControls extends EventEmitter {
  private latency = 0;
  private outageMode: OutageMode = 'none';
  private readonly disabled = new Set<string>();
  private injections: { command: string; code: string; remaining: number }[] = [];
  private readonly processed = new Map<string, number>();

  constructor(latencyMs = 0) {
    super();
    this.setLatency(latencyMs);
  }

  get latencyMs(): number {
    return this.latency;
  }

  get outage(): OutageMode {
    return this.outageMode;
  }

  setLatency(ms: number): void {
    if (!Number.isInteger(ms) || ms < 0 || ms > 600_000) throw new RangeError('latency must be 0..600000 ms');
    this.latency = ms;
  }

  /** The next `count` commands with this code ('*' = any) are answered with `code` and not executed. */
  injectError(command: string, code: string, count = 1): void {
    if (!COMMAND.test(command) || !ERROR_CODE.test(code) || !Number.isInteger(count) || count < 1) {
      throw new RangeError('injectError(command: 2 chars or *, code: 2 chars, count >= 1)');
    }
    this.injections.push({ command, code, remaining: count });
  }

  clearErrors(): void {
    this.injections = [];
  }

  /** Consumes one injected error for the command, if any. */
  takeInjected(command: string): string | undefined {
    const entry = this.injections.find((i) => i.command === command || i.command === '*');
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.injections = this.injections.filter((i) => i !== entry);
    return entry.code;
  }

  disable(command: string): void {
    if (!COMMAND.test(command) || command === '*') throw new RangeError('command must be 2 characters');
    this.disabled.add(command);
  }

  enable(command: string): void {
    this.disabled.delete(command);
  }

  isDisabled(command: string): boolean {
    return this.disabled.has(command);
  }

  setOutage(mode: OutageMode): void {
    if (!OUTAGE_MODES.includes(mode))
      throw new RangeError(`outage must be one of ${OUTAGE_MODES.join(', ')}`);
    if (mode === this.outageMode) return;
    this.outageMode = mode;
    this.emit('outage', mode);
  }

  countProcessed(command: string): void {
    this.processed.set(command, (this.processed.get(command) ?? 0) + 1);
  }

  reset(): void {
    this.latency = 0;
    this.disabled.clear();
    this.injections = [];
    this.processed.clear();
    this.setOutage('none');
  }

  snapshot(): HsmControlsSnapshot {
    return {
      latencyMs: this.latency,
      outage: this.outageMode,
      disabled: [...this.disabled],
      injected: this.injections.map((i) => ({ ...i })),
      processed: Object.fromEntries(this.processed),
    };
  }
}
