import type { Grade, WebCheckOutcome } from './types.ts';

const GRADES: readonly [number, Grade][] = [
  [100, 'A+'],
  [90, 'A'],
  [85, 'A-'],
  [80, 'B+'],
  [70, 'B'],
  [65, 'B-'],
  [60, 'C+'],
  [50, 'C'],
  [45, 'C-'],
  [40, 'D+'],
  [30, 'D'],
  [25, 'D-'],
  [0, 'F'],
];

/** The letter for a score, on Mozilla Observatory's scale (100+ is A+, under 25 is F). */
export function gradeFor(score: number): Grade {
  return GRADES.find(([min]) => score >= min)?.[1] ?? 'F';
}

/**
 * Observatory's arithmetic: start at 100, apply every penalty, then add the bonuses only if the
 * result is still 90 or more (a site cannot buy back a serious problem with extras). Never below 0.
 */
export function scoreOutcomes(outcomes: readonly WebCheckOutcome[]): { score: number; grade: Grade } {
  const penalties = outcomes.reduce((sum, o) => sum + Math.min(0, o.modifier), 0);
  const bonuses = outcomes.reduce((sum, o) => sum + Math.max(0, o.modifier), 0);
  const base = 100 + penalties;
  const score = Math.max(0, base >= 90 ? base + bonuses : base);
  return { score, grade: gradeFor(score) };
}
