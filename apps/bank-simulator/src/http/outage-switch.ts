/** Run-time outage of the simulated bank (POST /admin/outage), for tests of the PH's SystemBusy path. */
export class OutageSwitch {
  down = false;
}
