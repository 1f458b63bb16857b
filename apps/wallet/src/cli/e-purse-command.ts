import { loadPurse, purseFile, runEPursePayment, savePurse } from '../lib/e-purse';
import { rememberPayment } from './last-payment';
import { printSteps } from './print';

export interface EPursePayOptions {
  readonly gateway: string;
  readonly verbose: boolean;
  readonly amount: string;
  readonly currency: string;
  /** The purse card in the reader (default EP-0001); kept in .data/wallet/purse-<id>.json. */
  readonly purse: string;
}

/** GeldKarte (x-EPurse-1.0, profile §3.5): the simulated chip card pays, its state is saved after. */
export async function payEPurse(o: EPursePayOptions): Promise<number> {
  const card = await loadPurse(o.purse);
  const before = card.balance;
  const r = await runEPursePayment({ gatewayUrl: o.gateway, card, amount: o.amount, currency: o.currency });
  // The chip's debit is final once written, whatever the PH answered: save it like a real card would.
  await savePurse(card);
  await rememberPayment(o.gateway, card.data.purseId, o.amount, o.currency, r);
  printSteps(r.steps, o.verbose);
  if (r.payId) console.log(`  ${'PaymentHandlerPayId'.padEnd(20)} ${r.payId}`);
  console.log(
    `  ${'purse'.padEnd(20)} ${card.data.purseId}  balance ${before} → ${card.balance} ${card.data.cur}  seqC ${card.data.seqC}  (${purseFile(card.data.purseId)})`,
  );
  const code = r.completionCode ? ` ${r.completionCode}` : r.errorCode ? ` ${r.errorCode}` : '';
  const why = r.reason ? ` [${r.reason}]` : r.statusDesc ? ` (${r.statusDesc})` : '';
  console.log(
    `  result               ${r.processState}${code}${why}${r.receiptVerified ? '  receipt verified' : ''}`,
  );
  if (r.problems.length > 0) console.log(`  problems: ${r.problems.join('; ')}`);
  if (r.processState === 'CompletedOk') return r.receiptVerified ? 0 : 1;
  return r.processState === 'Failed' ? 2 : 1;
}
