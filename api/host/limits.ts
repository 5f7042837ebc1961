/** The largest file Dossier reads for capture: a file dropped on the window or chosen in a dialog. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
