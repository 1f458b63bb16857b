/**
 * Run-time faults of the simulated bank for tests (POST /admin/outage): `down` refuses every request
 * (the PH answers SystemBusy); `answerDelayMs` books a clearing and only then answers, late — what a
 * slow core banking system does, so the PH times out after the money moved.
 */
export class OutageSwitch {
  down = false;
  answerDelayMs = 0;
}
