import type { IotpAnswer } from '../iotp/answer';
import { busyWaitMs, resendWhileBusy } from './resend-while-busy';

const busy = (secs?: string) =>
  ({
    kind: 'error',
    block: { errorComps: [{ errorCode: 'SystemBusy', minRetrySecs: secs }] },
  }) as unknown as IotpAnswer;
const hardError = {
  kind: 'error',
  block: { errorComps: [{ errorCode: 'MsgTooLarge' }] },
} as unknown as IotpAnswer;
const paid = { kind: 'response' } as unknown as IotpAnswer;

describe('resending after SystemBusy', () => {
  it("waits the PH's MinRetrySecs (5 s when it gives none), not on other errors", () => {
    expect(busyWaitMs(busy('2'))).toBe(2000);
    expect(busyWaitMs(busy())).toBe(5000);
    expect(busyWaitMs(hardError)).toBeUndefined();
    expect(busyWaitMs(paid)).toBeUndefined();
  });

  it('resends until the answer is no longer SystemBusy, within the bound, telling each wait', async () => {
    const answers = [busy('1'), paid];
    const waits: number[] = [];
    const got = await resendWhileBusy(busy('1'), () => Promise.resolve(answers.shift()!), {
      busyRetries: 4,
      maxBusyWaitMs: 1,
      onBusy: (ms) => waits.push(ms),
    });
    expect(got).toBe(paid);
    expect(waits).toEqual([1, 1]);
  });

  it('gives up after busyRetries with the last SystemBusy answer, and never resends by default', async () => {
    let resends = 0;
    const resend = () => {
      resends++;
      return Promise.resolve(busy('1'));
    };
    expect(busyWaitMs(await resendWhileBusy(busy('1'), resend, { busyRetries: 2, maxBusyWaitMs: 1 }))).toBe(
      1000,
    );
    expect(resends).toBe(2);
    await resendWhileBusy(busy('1'), resend, {});
    expect(resends).toBe(2);
  });
});
