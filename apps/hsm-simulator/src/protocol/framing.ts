/**
 * payShield TCP framing: every message is preceded by a 2-byte big-endian length of what follows
 * (header + command code + fields). One decoder per connection; it never buffers more than one frame.
 */

export function encodeFrame(payload: Buffer): Buffer {
  if (payload.length > 0xffff) throw new RangeError('frame longer than 65535 bytes');
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(payload.length);
  return Buffer.concat([prefix, payload]);
}

export type FrameEvent = { kind: 'frame'; payload: Buffer } | { kind: 'oversize'; declared: number };

export class FrameDecoder {
  private buffer: Buffer = Buffer.alloc(0);

  constructor(private readonly maxFrameBytes = 0xffff) {}

  /** Feeds received bytes and returns the complete frames; an oversize frame stops decoding (resync impossible). */
  push(chunk: Buffer): FrameEvent[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const events: FrameEvent[] = [];
    while (this.buffer.length >= 2) {
      const length = this.buffer.readUInt16BE(0);
      if (length > this.maxFrameBytes) {
        events.push({ kind: 'oversize', declared: length });
        this.buffer = Buffer.alloc(0);
        break;
      }
      if (this.buffer.length < 2 + length) break;
      events.push({ kind: 'frame', payload: this.buffer.subarray(2, 2 + length) });
      this.buffer = this.buffer.subarray(2 + length);
    }
    return events;
  }

  /** Bytes of an incomplete frame still waiting for the rest. */
  get pending(): number {
    return this.buffer.length;
  }
}
