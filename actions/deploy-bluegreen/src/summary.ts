import { formatDuration, type Cell, type Summary } from '@deploysafe/action-kit';
import type { PromoteOutcome, ReleaseRecord, StageOutcome, TargetState } from '@deploysafe/deploy';

/** What the job summary shows. */
export interface DeploySummaryData {
  step: 'full' | 'stage' | 'promote';
  release: string;
  environment: string;
  target: string;
  provider: string;
  stage: StageOutcome | undefined;
  promote: PromoteOutcome | undefined;
  state: TargetState;
  record: ReleaseRecord;
  failure: string | undefined;
  durationMs: number;
  runUrl: string | undefined;
}

function headline(d: DeploySummaryData): [status: 'pass' | 'fail' | 'info', title: string, detail: string] {
  const live = d.state.live?.name ?? 'no colour';
  if (d.failure) {
    const where = d.state.live ? `traffic stays on ${live} (${d.state.liveEntry?.release ?? 'previous release'})` : 'no traffic was switched';
    return ['fail', `${d.release} was not deployed`, where];
  }
  if (d.stage?.alreadyLive) return ['info', `${d.release} is already live on ${live}`, 'nothing to do'];
  if (d.promote?.ok) {
    const from = d.promote.previous ? ` — replaced ${d.promote.previous.release} on ${d.promote.previousColor?.name}` : ' — first release on this target';
    return ['pass', `${d.release} is live on ${live}`, `${from.slice(3)}; switch and public check took ${formatDuration(d.promote.switch?.durationMs ?? 0)}`];
  }
  return ['pass', `${d.release} is staged on ${d.stage?.color.name}`, `healthy and ready to promote; live stays ${live}`];
}

function verdictCell(v: { healthy: boolean; detail: string; attempts: number; durationMs: number } | undefined): Cell {
  if (!v) return '—';
  return `${v.healthy ? '✅' : '❌'} ${v.detail} (${v.attempts} attempt${v.attempts === 1 ? '' : 's'}, ${formatDuration(v.durationMs)})`;
}

/** Writes the summary an on-call person reads: what is live now, what this run did, and the recent history. */
export function writeDeploySummary(summary: Summary, d: DeploySummaryData): void {
  const [status, title, detail] = headline(d);
  summary.heading(`deploy-bluegreen: ${d.step} ${d.release} to ${d.environment}`).status(status, title, detail);
  if (d.failure) summary.paragraph(`Why: ${d.failure}`);
  const steps: Cell[][] = [];
  if (d.stage && !d.stage.alreadyLive) {
    steps.push(['Deploy to idle colour', d.stage.color.name, d.stage.health || d.stage.ok ? '✅ deploy command succeeded' : `❌ ${d.stage.reason ?? ''}`]);
    steps.push(['Health gate', { code: d.stage.health?.url ?? d.stage.color.url.href }, verdictCell(d.stage.health)]);
  }
  if (d.promote) {
    steps.push(['Re-check before switch', d.promote.color.name, verdictCell(d.promote.preCheck)]);
    const sw = d.promote.switch;
    if (sw) {
      steps.push(['Switch traffic', `${d.promote.previousColor?.name ?? '(none)'} → ${d.promote.color.name}`, sw.switched || sw.switchedBack ? '✅ switched' : `❌ ${sw.reason ?? ''}`]);
      steps.push(['Post-switch check (public side)', sw.postCheck ? { code: sw.postCheck.url } : '—', verdictCell(sw.postCheck)]);
      if (sw.switchedBack) steps.push(['Switched back', `${d.promote.color.name} → ${d.promote.previousColor?.name}`, '✅ traffic restored']);
    }
  }
  summary.table(['Step', 'Where', 'Result'], steps);
  const previous = d.promote?.previous ?? d.stage?.previous;
  const backupId = (d.promote?.ok ? d.state.liveEntry : d.stage?.entry)?.backupId;
  summary.keyValues([
    ['Live colour', d.state.live ? `${d.state.live.name} (${d.state.liveEntry?.release ?? 'unknown release'})` : 'none'],
    ['Previous release', previous ? `${previous.release} on ${previous.color}` : 'none'],
    ...(backupId ? ([['Database backup', { code: backupId }]] as [string, Cell][]) : []),
    ['Target', { code: `${d.target} (${d.provider})` }],
    ['Duration', formatDuration(d.durationMs)],
    ...(d.runUrl ? ([['Run', { raw: `[${d.runUrl}](${d.runUrl})` }]] as [string, Cell][]) : []),
  ]);
  if (d.promote?.ok && previous) {
    summary.paragraph(`To undo: run rollback with this target file (to: previous) — traffic goes back to ${previous.release} on ${previous.color}, which is still running.`);
  }
  const recent = d.record.history.slice(-8).reverse();
  summary.details(`Release history (last ${recent.length})`, (inner) =>
    inner.table(
      ['Release', 'Colour', 'Status', 'Deployed', 'By', 'Backup', 'Reason'],
      recent.map((e) => [{ code: e.release }, e.color, e.status, e.deployedAt, e.actor || '—', e.backupId ? { code: e.backupId } : '—', e.reason ?? '']),
    ),
  );
}
