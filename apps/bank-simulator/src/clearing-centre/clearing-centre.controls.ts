/** Run-time behaviour of the simulated clearing centre (POST /clearing-centre/admin): outage, latency. */
export class ClearingCentreControls {
  down = false;
  latencyMs = 0;
}
