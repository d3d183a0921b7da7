/** Checks that span a whole pack: unique journeys, one note per stage, pack params that match the journeys' own. */
import type { Diagnostic } from '../diagnostics.ts';
import { paramValueProblem } from '../compiler/params.ts';
import type { Pack } from './schema.ts';

/**
 * Problems the per-part schemas cannot see. Paths are relative to the pack.
 *
 * @example
 * checkPackConsistency(pack); // [] for a sound pack
 */
export function checkPackConsistency(pack: Pack): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, message: string, path: (string | number)[]): void => {
    diagnostics.push({ severity: 'error', code, message, path });
  };

  const seen = new Set<string>();
  pack.journeys.forEach((journey, index) => {
    if (seen.has(journey.id)) error('duplicate-journey', `journey id "${journey.id}" appears twice`, ['journeys', index, 'id']);
    seen.add(journey.id);
  });

  const stages = new Set(pack.journeys.flatMap((journey) => journey.stages.map((stage) => stage.id)));
  for (const stage of stages) {
    if (!Object.hasOwn(pack.notes, stage)) error('missing-stage-note', `stage "${stage}" has no notes`, ['notes']);
  }
  for (const stage of Object.keys(pack.notes)) {
    if (!stages.has(stage)) error('unknown-stage-note', `notes name stage "${stage}", which no journey of the pack declares`, ['notes', stage]);
  }

  for (const [name, def] of Object.entries(pack.params)) {
    const defaultProblem = paramValueProblem(def, def.default);
    if (defaultProblem !== undefined) error('param-default', `the default of parameter "${name}" ${defaultProblem}`, ['params', name, 'default']);
    const users = pack.journeys.filter((journey) => Object.hasOwn(journey.params, name));
    if (users.length === 0) error('unused-param', `parameter "${name}" is declared by no journey of the pack`, ['params', name]);
    for (const journey of users) {
      const own = journey.params[name]!;
      if (own.type !== def.type) {
        error('param-type-mismatch', `parameter "${name}" is a ${def.type} in the pack but a ${own.type} in journey "${journey.id}"`, ['params', name, 'type']);
      }
    }
  }
  return diagnostics;
}
