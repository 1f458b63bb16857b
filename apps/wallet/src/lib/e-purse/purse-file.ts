import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PurseCard, type PurseCardData } from '../../schemes/e-purse';

/** The demo purses the wallet issues on first use (profile §3.5: EP-0001 holds 50.00 EUR). */
const DEMO_BALANCES: Readonly<Record<string, string>> = {
  'EP-0001': '50',
  'EP-0002': '50',
  'EP-0003': '50',
  'EP-0004': '50',
};

export const purseFile = (purseId: string): string => resolve('.data', 'wallet', `purse-${purseId}.json`);

/** The simulated chip keeps its balance, counter and log across CLI runs in .data/wallet/. */
export async function loadPurse(purseId: string, file = purseFile(purseId)): Promise<PurseCard> {
  try {
    return new PurseCard(JSON.parse(await readFile(file, 'utf8')) as PurseCardData);
  } catch {
    return PurseCard.issue(purseId, DEMO_BALANCES[purseId] ?? '50');
  }
}

export async function savePurse(card: PurseCard, file = purseFile(card.data.purseId)): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(card.data, null, 2)}\n`, 'utf8');
}
