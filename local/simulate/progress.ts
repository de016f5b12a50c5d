import type { Progress } from './run';

// The simulation's progress line: a bar over the simulated period, the simulated date, families
// referred, executions open, the rate, and an estimate of the time left from the pace so far.

const BAR_WIDTH = 24;

function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  return minutes > 0 ? `${minutes} min ${String(whole % 60).padStart(2, '0')} s` : `${whole} s`;
}

export function progressLine(
  progress: Progress,
  period: { start: string; days: number; families: number },
): string {
  const elapsedDays =
    (Date.parse(`${progress.simulatedDate}T12:00:00Z`) - Date.parse(`${period.start}T12:00:00Z`)) /
    86_400_000;
  const done = Math.min(1, Math.max(0, elapsedDays / period.days));
  const filled = Math.round(done * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
  const left =
    done > 0.02 ? `about ${duration((progress.wallSeconds * (1 - done)) / done)} left` : 'estimating';
  const rate = progress.wallSeconds > 0 ? (progress.actionsDone / progress.wallSeconds).toFixed(1) : '0.0';
  return [
    `${bar} ${String(Math.floor(done * 100)).padStart(3)}%`,
    progress.simulatedDate,
    `referred ${progress.referred}/${period.families}`,
    `open executions ${progress.openExecutions ?? '-'}`,
    `${rate} actions/s`,
    `${duration(progress.wallSeconds)} so far, ${left}`,
  ].join('  ');
}
