import type { PaymentResult, SessionStep } from '../lib';

/** One line per IOTP message (`→ C1 Payment Request  EUR 12.50 …`), the XML below it with --verbose. */
export function printSteps(steps: readonly SessionStep[], verbose: boolean, from = 0): number {
  for (const s of steps.slice(from)) {
    const http = s.direction === '←' && s.httpStatus !== 200 ? `  [HTTP ${s.httpStatus}]` : '';
    console.log(`${s.direction} ${s.msgId} ${s.summary}${s.msgId === '—' ? '' : http}`);
    if (verbose && s.xml.byteLength > 0) console.log(s.xml.toString('utf8').trimEnd().replace(/^/gm, '    '));
  }
  return steps.length;
}

/** The identifiers an operator copies into `inquire`. */
export function printIdentifiers(r: PaymentResult): void {
  const rows: [string, string | undefined][] = [
    ['IotpTransId', r.iotpTransId],
    ['TransTimeStamp', r.transTimeStamp],
    ['Payment ID', r.paymentRef],
    ['PaymentHandlerPayId', r.payId],
  ];
  for (const [k, v] of rows) if (v !== undefined) console.log(`  ${k.padEnd(20)} ${v}`);
  if (r.problems.length > 0) console.log(`  problems: ${r.problems.join('; ')}`);
}
