/**
 * The data types that cross the contract (api/contract.ts re-exports them): defined next to the
 * code that makes them in db/, ingest/ and export/, named here so the renderer — which may
 * import api/ and core/ only — takes every wire type from one door.
 */
export type { SourceWithCount } from '../db/repo/sources';
export type { TagCount } from '../db/repo/tags';
export type { FactHit } from '../db/repo/search';
export type { ImportedDocument } from '../ingest/document';
export type { Template, TemplateSection, TemplateSummary } from '../export/template/types';
export type { MarkingBlock, Run } from '../export/document';
export type { PreviewBlock, PreviewInline } from '../export/preview-document';
export type { ExportPhase, ExportResult } from '../export/export-briefing';
