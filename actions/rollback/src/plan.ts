import { ConfigurationError } from '@deploysafe/action-kit';
import { findRelease, liveEntry, previousLiveEntry, rollbackToLive, type ReleaseEntry, type ReleaseRecord, type TargetState } from '@deploysafe/deploy';

/** What a rollback run will do, decided from the target and its release record before anything changes. */
export type RollbackPlan =
  | {
      kind: 'rollback';
      /** The live release, to be marked rolled-back. */
      undone: ReleaseEntry;
      /** The entry of the release traffic goes back to (its colour may since run something else). */
      to: ReleaseEntry;
    }
  | {
      kind: 'nothing';
      live: ReleaseEntry;
      /** Why there is nothing to do, for the log and the summary. */
      message: string;
      /** When the live release got there through an earlier rollback: the entry it undid (its restore may still be pending). */
      earlier: ReleaseEntry | undefined;
    };

/** What the run was asked for. */
export interface RollbackRequest {
  to: string;
  from: string | undefined;
  target: string;
}

function describeEntry(e: ReleaseEntry): string {
  return `${e.release} (${e.status}${e.reason ? `: ${e.reason}` : ''})`;
}

function knownReleases(record: ReleaseRecord): string {
  const seen = new Set<string>();
  const newest: string[] = [];
  for (const e of [...record.history].reverse()) {
    if (seen.has(e.release)) continue;
    seen.add(e.release);
    newest.push(`${e.release} (${e.status})`);
  }
  const shown = newest.slice(0, 10).join(', ');
  return newest.length > 10 ? `${shown} and ${newest.length - 10} more` : shown;
}

function describeRollback(earlier: ReleaseEntry): string {
  const r = earlier.rollback;
  return r ? `run ${r.runId || '(unknown)'} by ${r.actor || '(unknown)'} rolled back ${earlier.release} at ${r.at}${earlier.reason ? ` (${earlier.reason})` : ''}` : `${earlier.release} was rolled back`;
}

/**
 * Decides what to roll back to. Throws ConfigurationError for the refusals: nothing is live,
 * the record and the target disagree, nothing to roll back to, an unknown release.
 */
export function planRollback(state: TargetState, request: RollbackRequest): RollbackPlan {
  const { record } = state;
  const live = liveEntry(record);
  if (!live) {
    const where = state.live ? `; the ${state.source} sends traffic to ${state.live.name}, but no release in the record is live there` : '';
    throw new ConfigurationError(`Nothing to roll back on ${request.target}: no release is live in its release record${where}. Deploy with deploy-bluegreen first.`);
  }
  if (!state.liveEntry) {
    throw new ConfigurationError(
      `The release record of ${request.target} says ${live.release} is live on ${live.color}, but the ${state.source} sends traffic to ${state.live?.name ?? 'no colour'}. ` +
        'Someone changed the routing by hand: put it back (or deploy) before rolling back, so the rollback knows what it undoes.',
    );
  }

  if (request.from !== undefined && request.from !== live.release) {
    const entry = findRelease(record, request.from);
    const liveText = `live is ${live.release} on ${live.color}`;
    if (!entry) return { kind: 'nothing', live, earlier: undefined, message: `${request.from} is not live: it is not in the release record (its deploy never started); ${liveText}.` };
    if (entry.status === 'rolled-back') {
      const earlier = entry.rollback?.toEntryId === live.id ? entry : undefined;
      return { kind: 'nothing', live, earlier, message: `${request.from} was already rolled back: ${describeRollback(entry)}; ${liveText}.` };
    }
    return { kind: 'nothing', live, earlier: undefined, message: `${request.from} is not live, so there is nothing to undo: it is ${describeEntry(entry)}; ${liveText}.` };
  }

  if (request.to === 'previous') {
    const earlier = request.from === undefined ? rollbackToLive(record) : undefined;
    if (earlier) {
      return {
        kind: 'nothing',
        live,
        earlier,
        message: `${live.release} is live on ${live.color} because ${describeRollback(earlier)}; to: previous does nothing more. To go further back, set to: to a release.`,
      };
    }
    const previous = previousLiveEntry(record);
    if (!previous) {
      throw new ConfigurationError(
        `Nothing to roll back to on ${request.target}: ${live.release} is live and no release was live before it${record.history.length > 1 ? ` (known: ${knownReleases(record)})` : ''}.`,
      );
    }
    return { kind: 'rollback', undone: live, to: previous };
  }

  if (request.to === live.release) {
    const earlier = rollbackToLive(record);
    return { kind: 'nothing', live, earlier, message: `${live.release} is already live on ${live.color}${earlier ? ` (${describeRollback(earlier)})` : ''}; nothing to roll back.` };
  }
  // The newest entry of the release that served traffic, else its newest entry at all.
  const to = record.history.findLast((e) => e.release === request.to && e.liveAt !== undefined) ?? findRelease(record, request.to);
  if (!to) {
    throw new ConfigurationError(`Unknown release ${request.to}: it is not in the release record of ${request.target}. Releases it knows, newest first: ${knownReleases(record)}.`);
  }
  return { kind: 'rollback', undone: live, to };
}
