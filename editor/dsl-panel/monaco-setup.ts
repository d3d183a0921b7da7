/** Loads Monaco from the local monaco-editor package (never a CDN): workers through Vite `?worker` imports, JSON schema, our journey language. */
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import { jsonDefaults } from 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { journeyJsonSchema } from '../../dsl/json-schema.ts';
import { registerJourneyLanguage } from './journey-language.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

let ready = false;

/** Configures Monaco once per page. */
export function setUpMonaco(): void {
  if (ready) return;
  ready = true;
  window.MonacoEnvironment = {
    getWorker: (_id, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
  };
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    enableSchemaRequest: false,
    schemas: [{ uri: 'https://lifecycle-studio.dev/schema/journey.json', fileMatch: ['*'], schema: journeyJsonSchema() }],
  });
  registerJourneyLanguage(monaco);
  loader.config({ monaco });
}

export { monaco };
