import type { ChannelId, ReachWindow, SourceFigure } from './schemas.ts';
import type { Visit } from './audience.ts';

/**
 * A source of reach figures besides presence itself. Each source is one
 * module that turns its own events into aggregate figures; the report lists
 * what every source contributed. The webcast (HLS playlist fetches by
 * channel) and communiqués (views, verifications, claim-to-rebuttal times)
 * join by writing such a module and adding it to the server's source list.
 */
export interface ReachSource {
  readonly name: string;
  figures(window: ReachWindow): SourceFigure[];
}

/**
 * Presence activity: how many joins, how many reconnects the grace bridged,
 * and how many channel switches to each channel. Counts only.
 */
export function presenceActivitySource(visits: readonly Visit[]): ReachSource {
  return {
    name: 'presence',
    figures() {
      let joins = 0;
      let reconnects = 0;
      const switches = new Map<ChannelId, number>();
      for (const v of visits) {
        joins += 1 + v.reconnects;
        reconnects += v.reconnects;
        v.segments.forEach((seg, i) => {
          if (i > 0) switches.set(seg.channel, (switches.get(seg.channel) ?? 0) + 1);
        });
      }
      const out: SourceFigure[] = [
        { source: 'presence', metric: 'joins', channel: null, value: joins },
        { source: 'presence', metric: 'reconnects', channel: null, value: reconnects },
      ];
      for (const [channel, value] of [...switches].sort(([a], [b]) => (a < b ? -1 : 1)))
        out.push({ source: 'presence', metric: 'channel_switches', channel, value });
      return out;
    },
  };
}

export function sourceFigures(
  sources: readonly ReachSource[],
  window: ReachWindow,
): SourceFigure[] {
  return sources.flatMap((s) => s.figures(window));
}
