import { PURSE_MAC_BYTES } from '../crypto/purse-mac';
import { HsmConnection, type HsmConnectionOptions } from '@ph/hsm-client';
import { SamUnavailableError, type MerchantSam } from './merchant-sam.port';

/** MAC algorithm 2 of the HSM simulator's E1/E3: the first 16 bytes of HMAC-SHA-256 (profile §3.5). */
const PROFILE_MAC = '2';

/** Key source 'P' + 2H length + id: the DEV ONLY profile key of a card id (HSM simulator extension). */
function keySource(id: string): Buffer {
  const text = Buffer.from(id, 'latin1');
  return Buffer.concat([Buffer.from(`P${text.length.toString(16).toUpperCase().padStart(2, '0')}`), text]);
}

function dataField(input: Buffer): Buffer {
  if (input.length > 0xffff) throw new RangeError('MAC input too long for the HSM');
  return Buffer.concat([Buffer.from(input.length.toString(16).toUpperCase().padStart(4, '0')), input]);
}

/**
 * The merchant SAM as the HSM simulator's e-purse extensions (apps/hsm-simulator, E1 mode 0 and E3)
 * over its TCP host port. HSM errors other than "verification failure" are the SAM's, never the
 * purse's: they surface as SamUnavailableError, which the bridge answers with SystemBusy.
 */
export class HsmMerchantSam implements MerchantSam {
  private readonly connection: HsmConnection;

  constructor(options: HsmConnectionOptions) {
    this.connection = new HsmConnection(options);
  }

  async merchantMac(idM: string, input: Buffer): Promise<Buffer> {
    const answer = await this.send(
      Buffer.concat([Buffer.from('E10'), keySource(idM), Buffer.from(PROFILE_MAC), dataField(input)]),
    );
    if (answer.errorCode !== '00') throw new SamUnavailableError(`HSM answered E1 with ${answer.errorCode}`);
    const mac = Buffer.from(answer.data.toString('latin1'), 'hex');
    if (mac.length !== PURSE_MAC_BYTES) throw new SamUnavailableError('HSM answered E1 with a malformed MAC');
    return mac;
  }

  async verifyPurseMac(idC: string, input: Buffer, mac: Buffer): Promise<boolean> {
    const answer = await this.send(
      Buffer.concat([
        Buffer.from('E3'),
        keySource(idC),
        Buffer.from(PROFILE_MAC),
        dataField(input),
        Buffer.from(mac.toString('hex').toUpperCase()),
      ]),
    );
    if (answer.errorCode === '00') return true;
    if (answer.errorCode === '01') return false;
    throw new SamUnavailableError(`HSM answered E3 with ${answer.errorCode}`);
  }

  close(): void {
    this.connection.close();
  }

  private async send(command: Buffer) {
    try {
      return await this.connection.send(command);
    } catch (error) {
      throw new SamUnavailableError((error as Error).message);
    }
  }
}
