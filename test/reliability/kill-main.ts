/** `npm run test:kill`: 20 SIGKILLs of the real server during HTTP ingestion, then the audit's one-line summary. */
import { runKillTest } from './faults/kill-harness.ts';

const kills = Number(process.env['KILLS'] ?? '20');
const report = await runKillTest({ kills, log: (line) => console.log(line) });
console.log(report.summary);
const failed = report.kills - report.killsWhileSending + report.lost.length + report.duplicateEffects + report.duplicateOutbox + report.missingWebhooks;
process.exit(failed === 0 && report.webhookEffects === 120 ? 0 : 1);
