// k6 run load-tests/k6/load.js — open model: RATE payments/s (default the profile's) for SECONDS.
// dropped_iterations > 0 means k6 had no free VU: the system did not keep up with the arrival rate.
import { PROFILES, thresholdsFor } from './common.js';
import { payment } from './scheme.js';

const rate = Number(__ENV.RATE || PROFILES.load.rate);
const seconds = Number(__ENV.SECONDS || PROFILES.load.seconds);

export const options = {
  scenarios: {
    load: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: `${seconds}s`,
      preAllocatedVUs: Math.min(PROFILES.load.maxInFlight, Math.max(10, rate)),
      maxVUs: PROFILES.load.maxInFlight,
    },
  },
  thresholds: { ...thresholdsFor(PROFILES.load.p99Ms), dropped_iterations: ['count==0'] },
};

export default async function () {
  await payment();
}
