// k6 run load-tests/k6/smoke.js — a few payments one after another: does the loop work at all?
import { PROFILES, pay, thresholdsFor } from './common.js';

export const options = {
  scenarios: {
    smoke: {
      executor: 'shared-iterations',
      vus: PROFILES.smoke.concurrency,
      iterations: PROFILES.smoke.payments,
      maxDuration: `${PROFILES.smoke.maxSeconds}s`,
    },
  },
  thresholds: thresholdsFor(PROFILES.smoke.p99Ms),
};

export default function () {
  pay();
}
