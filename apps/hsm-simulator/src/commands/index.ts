import { type CommandHandler } from './context';
import { E1, E3 } from './epurse.commands';
import { KQ, KW } from './emv.commands';
import { A0, A6, A8, BU, NC } from './keys.commands';
import { M6, M8 } from './mac.commands';
import { CA, DC, EC, JC, JE, JG } from './pin.commands';

export { type CommandContext, type CommandHandler } from './context';

/** Every host command the simulator answers; anything else gets error 68. */
export const COMMANDS: Readonly<Record<string, CommandHandler>> = {
  NC,
  A0,
  BU,
  A6,
  A8,
  KQ,
  KW,
  M6,
  M8,
  CA,
  JC,
  JE,
  JG,
  DC,
  EC,
  E1,
  E3,
};
