import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ChipCard, demoChipProfile } from '../../schemes/set-like';

/** Named by first6-last4: the file never holds the full PAN (the profile comes from the demo list). */
export const chipFile = (pan: string): string =>
  resolve('.data', 'wallet', `chip-${pan.slice(0, 6)}-${pan.slice(-4)}.json`);

/**
 * The demo chip card for `pan` with its ATC kept across CLI runs in .data/wallet/ (the issuer rejects
 * an ATC it has seen, as a real one would); undefined when `pan` is not a demo chip card.
 */
export async function loadChipCard(pan: string, file = chipFile(pan)): Promise<ChipCard | undefined> {
  const profile = demoChipProfile(pan);
  if (!profile) return undefined;
  let atc = 0;
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { atc?: unknown };
    if (typeof saved.atc === 'number' && Number.isInteger(saved.atc)) atc = saved.atc;
  } catch {
    // first use: a freshly issued card
  }
  return new ChipCard(profile, atc);
}

export async function saveChipCard(card: ChipCard, file = chipFile(card.profile.pan)): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(card, null, 2)}\n`, 'utf8');
}
