import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The renderer's settings: every item of Electron's security checklist that lives in
 * webPreferences, spelled out even where it is Electron's default, so a future default change
 * or a careless edit shows up in the test that pins this object.
 */
export interface WebPreferenceOptions {
  preload: string;
  /** DevTools in development only. */
  devTools: boolean;
  /**
   * Spell checking: native on macOS and Windows; on Linux Chromium would download Hunspell
   * dictionaries from Google's CDN, which an offline app must not do.
   */
  spellcheck: boolean;
}

export function webPreferences(o: WebPreferenceOptions): WebPreferences {
  return {
    preload: o.preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: o.spellcheck,
    devTools: o.devTools,
    enableWebSQL: false,
    autoplayPolicy: 'user-gesture-required',
  };
}

export function spellcheckAllowed(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function windowOptions(
  o: WebPreferenceOptions & { bounds: { x?: number; y?: number; width: number; height: number } },
): BrowserWindowConstructorOptions {
  return {
    ...o.bounds,
    minWidth: 800,
    minHeight: 500,
    title: 'Dossier',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferences(o),
  };
}
