/**
 * Fixed values of the lock. Every one is a named constant of the contract too.
 * @module
 */

/** Seconds in a day: the bleed's time unit (MLL-BLD-004). */
export const DAY = 86_400n;
/** Basis points in one (MLL-ARI-002). */
export const BPS = 10_000n;
/** The fixed-point base of fractions (MLL-ARI-002). */
export const WAD = 10n ** 18n;

/** How many intervals a party may pay beyond those the schedule has reached (MLL-SCH-003). */
export const MAX_PREPAID_INTERVALS = 3n;
/** Time the second party has to activate after the first (MLL-ACT-005, MLL-CIN-002). */
export const ACTIVATION_WINDOW = 7n * DAY;
/** Countdown between initiating and executing a unilateral exit (MLL-UEX-004). */
export const UNILATERAL_EXIT_COUNTDOWN = 30n * DAY;
/** Window after the countdown in which the initiator may execute; then the exit lapses (MLL-UEX-005). */
export const EXIT_EXECUTION_WINDOW = 7n * DAY;
/** How long a peaceful-exit proposal stays live (MLL-PEX-002). */
export const EXIT_PROPOSAL_WINDOW = 7n * DAY;
/** Least silence before an abandonment claim (MLL-ABN-002). */
export const ABANDONMENT_MIN_SILENCE = 90n * DAY;
/** Least silence before an abandonment claim, in intervals (MLL-ABN-002). */
export const ABANDONMENT_MIN_INTERVALS = 3n;

/** Parameter bounds (MLL-PAR-002 … MLL-PAR-007). */
export const MAX_DEPOSIT_AMOUNT = 2n ** 96n - 1n;
export const MIN_DEPOSIT_INTERVAL = 3_600n;
export const MAX_DEPOSIT_INTERVAL = 3_650n * DAY;
export const MAX_BLEED_RATE_BPS = 1_000n;
export const MAX_GRACE_PERIODS = 12n;
/** The highest P_max: every exit and every claim leaves the payer at least 10 % of its share (MLL-PAR-011). */
export const MAX_PENALTY_BPS = 9_000n;
export const MAX_PENALTY_DECAY_TARGET = 1_000n;
