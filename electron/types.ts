/** The shell's plain data types live with the core host (api/host/types.ts); re-exported for the shell's modules. */
export type * from '../api/host/types';
