export { domHash } from './dom-hash';
