import { parsePostmasterPid } from './postmaster-pid';

describe('parsePostmasterPid', () => {
  it('reads the pid and the data directory', () => {
    expect(parsePostmasterPid('4242\n/data/pg\n1700000000\n54329\n')).toEqual({
      pid: 4242,
      dataDir: '/data/pg',
    });
  });

  it.each(['', 'garbage\n/x', '0\n/x', '12'])('rejects %j', (content) => {
    expect(parsePostmasterPid(content)).toBeUndefined();
  });
});
