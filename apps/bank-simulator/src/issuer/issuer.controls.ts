/** Run-time behaviour of the simulated Issuer Operator (POST /issuer/admin): outage and latency. */
export class IssuerControls {
  down = false;
  latencyMs = 0;
}
