import type { DossierApi } from '../contract';
import type { DossierEventsApi } from './events';
import type { DossierShellApi } from './contract';

/**
 * `window.dossier` as the preload exposes it: the core contract's `call`, the shell contract's
 * `shell`, and `on` for main-process events. Nothing else. The renderer declares
 * `interface Window { dossier: DossierBridge }` from this type.
 */
export type DossierBridge = DossierApi & DossierShellApi & DossierEventsApi;
export type * from '../host/types';
