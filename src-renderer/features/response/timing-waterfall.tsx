import type { ConsoleResponse } from '../../../src-shared/contract.ts';
import { formatDuration } from '../../lib/format.ts';

interface Phase {
  name: string;
  start: number;
  end: number;
  tone: string;
}

/** The phases of a call from its cumulative timings (connect, TLS, first byte, end). */
export function timingPhases(timings: ConsoleResponse['timings']): Phase[] {
  const phases: Phase[] = [];
  let at = 0;
  const push = (name: string, end: number | undefined, tone: string) => {
    if (end === undefined || end < at) return;
    phases.push({ name, start: at, end, tone });
    at = end;
  };
  push('Connect', timings.connect, 'connect');
  push('TLS handshake', timings.tls, 'tls');
  push('Waiting (first byte)', timings.firstByte, 'wait');
  push('Content download', timings.total, 'download');
  return phases;
}

/** A small waterfall of the call's phases (Postman's timing view). */
export function TimingWaterfall({ timings }: { timings: ConsoleResponse['timings'] }) {
  const phases = timingPhases(timings);
  const total = Math.max(timings.total, 0.001);
  return (
    <div className="waterfall" role="table" aria-label="Timing breakdown">
      {phases.map((p) => (
        <div className="wf-row" role="row" key={p.name}>
          <span className="wf-name-cell" role="rowheader">
            {p.name}
          </span>
          <span className="wf-track" role="cell" aria-hidden="true">
            <span className={`wf-bar wf-${p.tone}`} style={{ left: `${(p.start / total) * 100}%`, width: `max(2px, ${((p.end - p.start) / total) * 100}%)` }} />
          </span>
          <span className="wf-ms mono" role="cell">
            {formatDuration(p.end - p.start)}
          </span>
        </div>
      ))}
      <div className="wf-row wf-total" role="row">
        <span className="wf-name-cell" role="rowheader">
          Total
        </span>
        <span className="wf-track" role="cell" />
        <span className="wf-ms mono" role="cell">
          {formatDuration(timings.total)}
        </span>
      </div>
    </div>
  );
}
