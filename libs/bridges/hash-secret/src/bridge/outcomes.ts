// The outcome constructors every bridge shares (profile §3.3.7 for their use in this scheme).
export { elInconsistent, encapProtErr, refuse, suspend, systemBusy } from '../../../common/src/outcomes';
