// k6 run load-tests/k6/smoke.js — a few payments one after another: does the loop work at all?
import { PROFILES, thresholdsFor } from './common.js';
import { payment } from './scheme.js';

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

export default async function () {
  await payment();
}
