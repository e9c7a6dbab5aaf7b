// Runs before each test file, before n8n-core is imported: n8n-core reads these at load time.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';

process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-nodes-mono-test-'));
process.env.N8N_ENCRYPTION_KEY = 'n8n-nodes-mono-tests';
process.env.N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS = 'false';
process.env.N8N_RUNNERS_ENABLED = 'false';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'debug';
