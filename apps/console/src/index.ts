export { createConsoleApp, type ConsoleApp, type ConsoleDeps } from './console.app';
export { readConsoleConfig, type ConsoleConfig } from './config/console-config';
export { DEV_API_KEYS, sha256Hex, type ApiKeyEntry, type Role } from './auth/api-keys';
export { OPENAPI_DOCUMENT } from './api/openapi';
