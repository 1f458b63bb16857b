import { scanTransRef } from './scan';

describe('scanTransRef', () => {
  it('reads the first TransId and MsgId start tags of an unparsable body', () => {
    const body = Buffer.from(
      '<IotpMessage><TransRefBlk ID="C1.1"><TransId ID="M1.2" Version="1.0"\n IotpTransId="t&amp;1@m.example" ' +
        'IotpTransType=\'BaselinePurchase\' TransTimeStamp="2024-05-01T10:15:30.350Z"/><MsgId ID="C1" xml:lang="en"/>' +
        '<TransId ID="other"/><MsgId ID="C9"/><Broken',
    );
    expect(scanTransRef(body)).toEqual({
      id: 'M1.2',
      version: '1.0',
      iotpTransId: 't&1@m.example',
      iotpTransType: 'BaselinePurchase',
      transTimeStamp: '2024-05-01T10:15:30.350Z',
      msgId: 'C1',
    });
  });

  it('survives invalid UTF-8 and finds nothing beyond the first 65536 bytes', () => {
    const early = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('<MsgId ID="I7"/>')]);
    expect(scanTransRef(early)).toEqual({ msgId: 'I7' });
    const late = Buffer.concat([Buffer.alloc(65_536, 0x20), Buffer.from('<TransId ID="X"/>')]);
    expect(scanTransRef(late)).toEqual({});
  });

  it('does not take TransIdFoo for TransId', () => {
    expect(scanTransRef(Buffer.from('<TransIdFoo ID="a"/><TransId ID="b"/>'))).toEqual({ id: 'b' });
  });
});
