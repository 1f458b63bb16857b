import { createHash } from 'node:crypto';
import type { SchemePackagedContent } from './scheme-outcome';

/** What the stream keeps of an inbound scheme message: its name and a SHA-256 digest, never the content. */
export interface SchemeMessageDigest {
  readonly name?: string;
  /** Lower-case hex SHA-256 over JSON [content, transform, value] (unambiguous, independent of Name). */
  readonly sha256: string;
}

export const digestOf = (pc: SchemePackagedContent): string =>
  createHash('sha256')
    .update(JSON.stringify([pc.content, pc.transform, pc.value]), 'utf8')
    .digest('hex');

/** The worker calls this on the packaged contents it received before building a command. */
export const digestSchemeIn = (pcs: readonly SchemePackagedContent[]): SchemeMessageDigest[] =>
  pcs.map((pc) =>
    pc.name === undefined ? { sha256: digestOf(pc) } : { name: pc.name, sha256: digestOf(pc) },
  );
