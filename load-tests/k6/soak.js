// k6 run load-tests/k6/soak.js — a moderate arrival rate held for half an hour (SECONDS to change):
// leaks, growing p99, a projector falling behind show here.
import { PROFILES, thresholdsFor } from './common.js';
import { payment } from './scheme.js';

const rate = Number(__ENV.RATE || PROFILES.soak.rate);
const seconds = Number(__ENV.SECONDS || PROFILES.soak.seconds);

export const options = {
  scenarios: {
    soak: {
      executor: 'constant-arrival-rate',
      rate,
      timeUnit: '1s',
      duration: `${seconds}s`,
      preAllocatedVUs: Math.max(10, rate),
      maxVUs: PROFILES.soak.maxInFlight,
    },
  },
  thresholds: { ...thresholdsFor(PROFILES.soak.p99Ms), dropped_iterations: ['count==0'] },
};

export default async function () {
  await payment();
}
