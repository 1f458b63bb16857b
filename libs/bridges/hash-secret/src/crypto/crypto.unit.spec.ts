import { deriveKcb, deriveKcm, deriveS } from './keys';
import { lp } from './lp';
import { authC, authM, bankAck, confirmation, paymentValue, receiptTicket } from './macs';

// Known answers of profile §5.1 / §5.2.
const r = Buffer.from('6d146c457eda706141782a4322c3b7f97666bcaff57366798ccd25b001c7a195', 'hex');
const C = 'alice';
const M = 'demo-merchant.example';
const B = 'demo-bank.example';
const t = '20240501T101602Z-0000002a';
const y = 'PH000000000042';
const u = '12.5';
const cur = 'EUR';
const nA = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
const nC = Buffer.from(Array.from({ length: 32 }, (_, i) => 0x20 + i));
const hex = (b: Buffer) => b.toString('hex');

describe('hash/secret crypto (profile §5.2)', () => {
  const s = deriveS('alice-dev-passphrase', r);
  const kcm = deriveKcm(s, M);
  const kcb = deriveKcb(s, B);
  const pi = paymentValue(kcb, { C, M, B, t, y, u, cur, nC });

  it('length-prefixes fields', () => {
    expect(hex(lp('authC', 'alice'))).toBe('00000005617574684300000005616c696365');
    expect(hex(lp('authC', C, M, t))).toBe(
      '00000005617574684300000005616c6963650000001564656d6f2d6d65726368616e742e6578616d706c65000000193230323430353031543130313630325a2d3030303030303261',
    );
  });

  it('derives s, K_CM and K_CB', () => {
    expect(hex(s)).toBe('4cb0780066f5b87c9b3fcc334b0d522e5426c93454574ea38c26dc94c6e5b7de');
    expect(hex(kcm)).toBe('a7ca55c73416a5945ae4381f938544dfc73784975bbe758a2786719492e0e8de');
    expect(hex(kcb)).toBe('045d9e73bd0e364b719f9f454f57146929d38c7596d05f8ee43600c3872786e9');
  });

  it('computes a_M, a_C, π and o', () => {
    expect(hex(authM(kcm, M, C, t, nA))).toBe(
      '59f157eac8cfb971009520a61a8be3c3eead6a03046ef873ae7d54f9c676f090',
    );
    expect(hex(authC(kcm, C, M, t))).toBe('8b326e2341e970edb0bbbc701f0c566170eeb5c9cf990ded1b28026fbc0b7379');
    expect(hex(pi)).toBe('c658e28667714cc1ce0cc4a9ba2fd6240093c9ee6699231196ff5ce93d424c96');
    expect(hex(confirmation(kcm, t, y, u, cur, nC, pi))).toBe(
      '8fda207315c7e857fcacc2bdb8e752ff8ee92ca8cc8c0192c52c6a8c033cdfea',
    );
  });

  it('computes A_B and T for CompletedOk and InsuffFunds', () => {
    const abOk = bankAck(kcb, pi, 'CompletedOk');
    expect(hex(abOk)).toBe('e6ced03479c780d77aa6d5cdcab08a13cebef5d96e45be8c833d16e592ea118c');
    expect(hex(receiptTicket(kcm, y, u, cur, nC, abOk))).toBe(
      'ce75b7183ab9bdad3bc830858d37644b18472dfd94447caa75c0fa0cb60d8aff',
    );
    const abNo = bankAck(kcb, pi, 'InsuffFunds');
    expect(hex(abNo)).toBe('d71a7c4bb79acb823670e1c4d037466612b815b4a3717c73f44e8908bf0f8b14');
    expect(hex(receiptTicket(kcm, y, u, cur, nC, abNo))).toBe(
      'd6c950cfc431d478b7c2cb9b1047174bc3efb7269b17ef39262cd31c5bb7d85e',
    );
  });
});
