import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{core,api,db,ingest,cli,citations,export,team,templates,samples,electron,renderer,drills,scripts}/**/*.test.{ts,tsx}'],
    // Real SQLite files and real LibreOffice runs: give slow machines room, never retry.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
