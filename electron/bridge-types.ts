import type { DossierApi } from '../api/contract';
import type { DossierEventsApi } from './events';
import type { DossierShellApi } from './shell-contract';

/**
 * `window.dossier` as the preload exposes it: the core contract's `call`, the shell contract's
 * `shell`, and `on` for main-process events. Nothing else. The renderer declares
 * `interface Window { dossier: DossierBridge }` from this type.
 */
export type DossierBridge = DossierApi & DossierShellApi & DossierEventsApi;
export type { DossierEvents, DossierEventName, MenuCommand } from './events';
export type { ShellCallName, ShellArgs, ShellResults, AppInfo } from './shell-contract';
export type * from './types';
