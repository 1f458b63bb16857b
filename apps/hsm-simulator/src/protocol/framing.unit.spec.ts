import { type HsmError, responseCodeFor } from './errors';
import { FieldReader } from './fields';
import { encodeFrame, FrameDecoder } from './framing';

describe('framing', () => {
  it('prefixes a 2-byte big-endian length', () => {
    expect(encodeFrame(Buffer.from('0000NC')).toString('hex')).toBe(
      '0006' + Buffer.from('0000NC').toString('hex'),
    );
  });

  it('reassembles frames split across chunks and splits frames sharing a chunk', () => {
    const decoder = new FrameDecoder();
    const two = Buffer.concat([encodeFrame(Buffer.from('0001NC')), encodeFrame(Buffer.from('0002NC'))]);
    expect(decoder.push(two.subarray(0, 3))).toEqual([]);
    expect(decoder.pending).toBe(3);
    const events = decoder.push(two.subarray(3));
    expect(events.map((e) => (e.kind === 'frame' ? e.payload.toString() : e.kind))).toEqual([
      '0001NC',
      '0002NC',
    ]);
  });

  it('reports a frame above the maximum instead of buffering it', () => {
    const decoder = new FrameDecoder(100);
    expect(decoder.push(Buffer.from([0x01, 0x00, 0x30]))).toEqual([{ kind: 'oversize', declared: 256 }]);
  });

  it('advances the second letter of the command code', () => {
    expect(['A0', 'NC', 'KQ', 'KW', 'M6', 'E1', 'CA', 'JG'].map(responseCodeFor)).toEqual([
      'A1',
      'ND',
      'KR',
      'KX',
      'M7',
      'E2',
      'CB',
      'JH',
    ]);
    expect(responseCodeFor('AZ')).toBe('ZZ');
    expect(responseCodeFor('a\u0000')).toBe('ZZ');
  });
});

describe('FieldReader', () => {
  it('raises 15 on missing data, bad digits and bad hex; 26 on an unknown key scheme', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return (error as HsmError).code;
      }
      return 'none';
    };
    expect(code(() => new FieldReader(Buffer.from('12')).digits(3))).toBe('15');
    expect(code(() => new FieldReader(Buffer.from('1A')).digits(2))).toBe('15');
    expect(code(() => new FieldReader(Buffer.from('GG')).hex(2))).toBe('15');
    expect(code(() => new FieldReader(Buffer.from('Q' + '0'.repeat(32))).key())).toBe('26');
    expect(new FieldReader(Buffer.from('U' + 'A'.repeat(32))).key().scheme).toBe('U');
    expect(new FieldReader(Buffer.from('A'.repeat(32))).key(16).encrypted).toHaveLength(16);
  });
});
