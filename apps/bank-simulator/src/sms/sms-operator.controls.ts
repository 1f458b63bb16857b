/** Run-time behaviour of the simulated mobile network (POST /sms/admin): outage and latency. */
export class SmsOperatorControls {
  down = false;
  latencyMs = 0;
}
