import { defineAction, type InputProblem } from '@deploysafe/action-kit';
import { s3InputProblems } from '@deploysafe/backup';
import { releaseLeftoverLock } from '@deploysafe/deploy';
import { inputs, outputs, type Inputs } from './inputs.ts';
import { run } from './run.ts';

/** Rules spanning several inputs, reported with the per-input problems before any work. */
export function checkInputs(inputs: Inputs): InputProblem[] {
  const problems: InputProblem[] = [];
  if (inputs.from !== undefined && inputs.from === inputs.to) {
    problems.push({ input: 'from', got: JSON.stringify(inputs.from), expected: `the release to undo, not the release to go back to (to: ${inputs.to})` });
  }
  if (inputs.restoreDatabase) {
    const why = 'with restore-database: true';
    if (!inputs.databaseUrl) problems.push({ input: 'database-url', got: undefined, expected: `the database to restore (${why})` });
    if (!inputs.destination) problems.push({ input: 'destination', got: undefined, expected: `where db-backup keeps the backups, such as file:/var/backups/shop or s3://bucket/prefix (${why})` });
    if (inputs.encryption !== 'none' && !inputs.encryptionKey) {
      problems.push({ input: 'encryption-key', got: undefined, expected: `the db-backup passphrase (${why}); for an unencrypted backup set 'encryption: none' explicitly` });
    }
    if (!inputs.confirm) {
      problems.push({ input: 'confirm', got: undefined, expected: `the target database's name${inputs.databaseUrl ? ` '${inputs.databaseUrl.name}'` : ''}, to confirm the restore (${why})` });
    } else if (inputs.databaseUrl && inputs.confirm !== inputs.databaseUrl.name) {
      problems.push({ input: 'confirm', got: JSON.stringify(inputs.confirm), expected: `the target database's name '${inputs.databaseUrl.name}' (this guard stops a restore into the wrong database)` });
    }
    if (inputs.destination?.kind === 'artifact' && !inputs.githubToken) {
      problems.push({ input: 'github-token', got: undefined, expected: 'a token with actions:read, to read the backup from the deploy run\'s artifacts' });
    }
  }
  problems.push(...s3InputProblems(inputs));
  return problems;
}

/** The rollback action, as main.ts runs it and tests call it. */
export const definition = defineAction({
  name: 'rollback',
  inputs,
  outputs,
  check: checkInputs,
  run,
  post: async (ctx) => void (await releaseLeftoverLock(ctx, 'rollback')),
});
