/**
 * How long each Redis stream may grow (issue 19, item 1: 20,000 repeated
 * `interpretation:listen` calls once grew one session's attendance stream to
 * 19,720 entries). Every `xadd` names its cap, so a new stream cannot be
 * added without one; Redis trims with `MAXLEN ~` (whole macro-nodes, cheap).
 *
 * Not capped: the record (`…:record`), which is append-only and hash-chained
 * (ACCESS-5) — trimming it would break its verification. It grows only by
 * procedural acts, which the command quotas and the HTTP limits bound.
 */

/**
 * A session's attendance (joins, leaves, channel choices) feeds its reach
 * figures (REACH-1, REACH-3). The reach benchmark's 2,000 observers make
 * 20,000 entries; the cap leaves ten times that before the oldest go.
 */
export const ATTENDANCE_MAX_ENTRIES = 200_000;

/**
 * Socket.IO's cross-node stream carries broadcasts between nodes; a node
 * reads it within moments, and connection-state recovery replays at most
 * two minutes. The adapter's own default, stated here so it is a decision.
 */
export const ADAPTER_STREAM_MAX_ENTRIES = 10_000;
