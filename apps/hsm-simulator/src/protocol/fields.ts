import { type KeyScheme, SCHEME_LENGTH } from '../crypto/lmk';
import { HsmError } from './errors';

/** An encrypted key as it appears in a command: scheme tag (or none) and the cryptogram. */
export interface KeyField {
  readonly scheme: KeyScheme;
  /** True when the field had no scheme letter (legacy 16H/32H form). */
  readonly untagged: boolean;
  readonly encrypted: Buffer;
}

const HEX = /^[0-9A-Fa-f]*$/;

/**
 * Reads the fields of a command left to right. Running out of data, bad digits or bad hex all
 * raise HsmError('15') (invalid input data), as a payShield answers them.
 */
export class FieldReader {
  private pos = 0;

  constructor(private readonly data: Buffer) {}

  get remaining(): number {
    return this.data.length - this.pos;
  }

  peek(n = 1): string {
    return this.data.subarray(this.pos, this.pos + n).toString('latin1');
  }

  bytes(n: number): Buffer {
    if (n < 0 || this.remaining < n) throw new HsmError('15');
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return Buffer.from(out);
  }

  text(n: number): string {
    return this.bytes(n).toString('latin1');
  }

  digits(n: number, error = '15'): string {
    const s = this.text(n);
    if (!/^[0-9]*$/.test(s)) throw new HsmError(error);
    return s;
  }

  hex(n: number): string {
    const s = this.text(n);
    if (!HEX.test(s)) throw new HsmError('15');
    return s.toUpperCase();
  }

  hexBytes(n: number): Buffer {
    return Buffer.from(this.hex(n * 2), 'hex');
  }

  /** Hexadecimal length field (e.g. 2H, 4H) as a number. */
  hexLength(n: number): number {
    return parseInt(this.hex(n), 16);
  }

  /** Expects a literal delimiter such as ';'. */
  delimiter(value: string): void {
    if (this.text(value.length) !== value) throw new HsmError('15');
  }

  optionalDelimiter(value: string): boolean {
    if (this.peek(value.length) !== value) return false;
    this.pos += value.length;
    return true;
  }

  /**
   * A key under the LMK or a ZMK: 'Z'+16H, 'U'/'X'+32H, 'T'/'Y'+48H, or untagged hex of `untaggedBytes`
   * (8 = 16H single, 16 = 32H double as in the legacy EMV commands). Other letters: 26 invalid key scheme.
   */
  key(untaggedBytes: 8 | 16 = 8): KeyField {
    const tag = this.peek(1);
    if (tag.length === 0) throw new HsmError('15');
    if (HEX.test(tag)) {
      return {
        scheme: untaggedBytes === 8 ? 'Z' : 'X',
        untagged: true,
        encrypted: this.hexBytes(untaggedBytes),
      };
    }
    if (!(tag in SCHEME_LENGTH)) throw new HsmError('26');
    this.pos += 1;
    const scheme = tag as KeyScheme;
    return { scheme, untagged: false, encrypted: this.hexBytes(SCHEME_LENGTH[scheme]) };
  }
}
