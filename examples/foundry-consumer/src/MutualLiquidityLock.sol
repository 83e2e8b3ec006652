// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Mutual Liquidity Lock
/// @notice A bilateral commitment device: two parties each owe `depositAmount` every
/// `depositInterval`; a party in default while the other is not bleeds its share to the other;
/// exits are peaceful, unilateral (countdown, then a penalty frozen at initiation) or an
/// abandonment claim. Implements spec/ clause for clause; the clause IDs (MLL-AREA-NNN) below
/// name the rule each piece implements. reference/ is the same machine in TypeScript, operation
/// for operation.
/// @author The Mutual Liquidity Lock project
/// @dev Every payout is a claimable balance withdrawn by its owner (MLL-WDR-001). Every revert is
/// a named error shared with the reference (MLL-STA-005).
contract MutualLiquidityLock {
    // ------------------------------------------------------------------ types

    /// @notice MLL-STA-001: phases only move forward.
    enum Phase {
        Inactive,
        Active,
        Exited
    }

    /// @dev One party's record. `exitProposedAt` and `executeAfter` are 0 when absent: block times
    /// are positive (MLL-STA-007).
    struct Party {
        uint256 share; // settled share (MLL-BLD-003)
        uint256 claimable; // MLL-WDR-001
        uint64 paidIntervals; // MLL-SCH-002
        uint64 bleedClock; // seconds in the bleed window, not yet settled (MLL-BLD-002)
        uint64 lastActionAt; // MLL-ABN-007
        uint64 curedAt; // when a deposit last ended this party's default; 0 = never (MLL-ABN-006)
        uint64 exitProposedAt; // MLL-PEX-001
        uint64 executeAfter; // MLL-UEX-001
        uint16 frozenPenaltyBps; // the maturity rate at initiation (MLL-UEX-009)
        bool exitWaived; // the waiver held at initiation (MLL-UEX-010)
    }

    /// @notice MLL-VIEW-003: one party's standing at the block time.
    struct PartyStatus {
        uint256 share;
        uint256 paidIntervals;
        uint256 reachedIntervals;
        uint256 countedIntervals;
        bool inDefault;
        uint256 defaultStartsAt;
        uint256 bleedSeconds;
        uint256 lastActionAt;
        bool exitProposalLive;
        bool unilateralExitLive;
        uint256 executeAfter;
        uint256 frozenPenaltyBps;
        uint256 exitPenaltyBps;
        uint256 claimable;
    }

    // ------------------------------------------------------------------ constants (MLL-PAR-010)

    uint256 internal constant DAY = 1 days;
    uint256 internal constant BPS = 10_000;
    uint256 internal constant WAD = 1e18;
    uint256 internal constant MAX_PREPAID_INTERVALS = 3;
    uint256 internal constant ACTIVATION_WINDOW = 7 days;
    uint256 internal constant UNILATERAL_EXIT_COUNTDOWN = 30 days;
    uint256 internal constant EXIT_EXECUTION_WINDOW = 7 days;
    uint256 internal constant EXIT_PROPOSAL_WINDOW = 7 days;
    uint256 internal constant ABANDONMENT_MIN_SILENCE = 90 days;
    uint256 internal constant ABANDONMENT_MIN_INTERVALS = 3;

    uint256 internal constant MAX_DEPOSIT_AMOUNT = 2 ** 96 - 1;
    uint256 internal constant MIN_DEPOSIT_INTERVAL = 1 hours;
    uint256 internal constant MAX_DEPOSIT_INTERVAL = 3_650 days;
    uint256 internal constant MAX_BLEED_RATE_BPS = 1_000;
    uint256 internal constant MAX_GRACE_PERIODS = 12;
    uint256 internal constant MAX_PENALTY_BPS = 9_000;
    uint256 internal constant MAX_PENALTY_DECAY_TARGET = 1_000;

    // ------------------------------------------------------------------ parameters

    address internal immutable PARTY_A;
    address internal immutable PARTY_B;
    uint256 internal immutable DEPOSIT_AMOUNT;
    uint256 internal immutable DEPOSIT_INTERVAL;
    uint256 internal immutable BLEED_RATE_BPS;
    uint256 internal immutable GRACE_PERIODS;
    uint256 internal immutable PENALTY_MAX_BPS;
    uint256 internal immutable PENALTY_MIN_BPS;
    uint256 internal immutable PENALTY_DECAY_TARGET;
    uint256 internal immutable CREATED_AT;

    // ------------------------------------------------------------------ state

    Phase internal _phase;
    uint64 internal _firstActivatedAt; // MLL-ACT-003; 0 = nobody has activated
    uint64 internal _activatedAt; // t0, MLL-ACT-004; 0 = not active yet
    uint64 internal _accruedUntil; // MLL-BLD-002
    Party[2] internal _parties; // [A, B]

    // ------------------------------------------------------------------ events (MLL-VIEW-005)

    /// @notice The lock was deployed with valid parameters.
    /// @param partyA Party A.
    /// @param partyB Party B.
    /// @param depositAmount The amount d owed every interval, in wei.
    /// @param interval The deposit interval T, in seconds.
    event AgreementCreated(address indexed partyA, address indexed partyB, uint256 depositAmount, uint256 interval);

    /// @notice The second activation started the schedule.
    /// @param activatedAt The block time t0 of the second activation.
    event AgreementActivated(uint256 activatedAt);

    /// @notice A party paid one or more whole intervals.
    /// @param party The payer.
    /// @param amount The value paid, in wei.
    /// @param newShare The payer's share after the payment.
    event Deposited(address indexed party, uint256 amount, uint256 newShare);

    /// @notice A settlement moved value from the party in default to the other.
    /// @param from The party that bled.
    /// @param to The party credited.
    /// @param amount The value moved, in wei.
    event BleedingApplied(address indexed from, address indexed to, uint256 amount);

    /// @notice A party proposed a peaceful exit.
    /// @param party The proposer.
    event ExitProposed(address indexed party);

    /// @notice A party's exit proposal was withdrawn, by the party or by a deposit.
    /// @param party The proposer whose proposal ended.
    event ExitProposalCancelled(address indexed party);

    /// @notice Both parties agreed to exit; each was credited its settled share.
    /// @param shareA The amount credited to party A.
    /// @param shareB The amount credited to party B.
    event PeacefulExit(uint256 shareA, uint256 shareB);

    /// @notice A party started its unilateral exit countdown.
    /// @param initiator The exiting party.
    /// @param executeAfter The block time from which the exit may be executed.
    event UnilateralExitInitiated(address indexed initiator, uint256 executeAfter);

    /// @notice A party withdrew its live unilateral exit.
    /// @param canceller The party that withdrew its exit.
    event UnilateralExitCancelled(address indexed canceller);

    /// @notice A unilateral exit was executed and the lock ended.
    /// @param initiator The exiting party.
    /// @param received The amount credited to the initiator.
    /// @param penaltyPaid The penalty credited to the counterparty.
    event UnilateralExitExecuted(address indexed initiator, uint256 received, uint256 penaltyPaid);

    /// @notice A party claimed the lock against a silent counterparty in default, ending it.
    /// @param claimer The claiming party.
    /// @param amount The amount credited to the claimer.
    event AbandonedClaimed(address indexed claimer, uint256 amount);

    /// @notice The lock was called off before activation; every deposit went back to its payer.
    /// @param party The party that called it off.
    /// @param refund The total credited back to both parties.
    event InactiveCancelled(address indexed party, uint256 refund);

    /// @notice Ether beyond the claimable balances was split between the parties.
    /// @param toA The amount credited to party A.
    /// @param toB The amount credited to party B.
    event SurplusCredited(uint256 toA, uint256 toB);

    /// @notice A party withdrew its claimable balance.
    /// @param party The party paid.
    /// @param amount The amount paid, in wei.
    event Withdrawn(address indexed party, uint256 amount);

    // ------------------------------------------------------------------ errors (reference/errors.ts)

    error InvalidPartyAddress();
    error InvalidDepositAmount();
    error InvalidDepositInterval();
    error InvalidBleedRate();
    error InvalidGracePeriods();
    error InvalidPenaltyBounds();
    error InvalidPenaltyDecayTarget();
    error UnexpectedValue();
    error NotParty();
    error WrongPhase(Phase expected, Phase actual);
    error AlreadyActivated();
    error ActivationWindowClosed();
    error ActivationWindowOpen(uint256 closesAt);
    error InvalidDepositValue();
    error PrepaymentLimitExceeded(uint256 maxValue);
    error BothExitsExecutable();
    error CounterpartyExitExecutable();
    error UnilateralExitAlreadyActive();
    error NoActiveUnilateralExit();
    error ExitCountdownNotElapsed(uint256 executeAfter);
    error ExitCountdownElapsed(uint256 executeAfter);
    error CounterpartyNotSilent(uint256 silentAfter);
    error CounterpartyNotInDefault();
    error CounterpartyDefaultTooRecent(uint256 claimableAt);
    error ClaimerInDefault();
    error ClaimerRecentlyInDefault(uint256 claimAfter);
    error NothingToWithdraw();
    error TransferFailed();
    error DirectTransferRejected();

    // ------------------------------------------------------------------ construction

    /// @notice MLL-PAR-001 … MLL-PAR-008: the deployed contract's arguments, in its order,
    /// checked in this order.
    /// @param partyA Party A; nonzero and distinct from party B.
    /// @param partyB Party B; nonzero and distinct from party A.
    /// @param depositAmount The amount d owed every interval, in wei.
    /// @param depositInterval The deposit interval T, in seconds.
    /// @param bleedRateBpsPerDay The bleed rate r, in basis points per whole day.
    /// @param gracePeriods The number G of intervals a party may fall behind before default.
    /// @param exitPenaltyMaxBps The unilateral exit penalty at zero counted intervals, in basis points.
    /// @param exitPenaltyMinBps The unilateral exit penalty from n counted intervals on, in basis points.
    /// @param penaltyDecayTarget The counted intervals n at which the penalty reaches its minimum.
    constructor(
        address partyA,
        address partyB,
        uint256 depositAmount,
        uint256 depositInterval,
        uint256 bleedRateBpsPerDay,
        uint256 gracePeriods,
        uint256 exitPenaltyMaxBps,
        uint256 exitPenaltyMinBps,
        uint256 penaltyDecayTarget
    ) {
        if (partyA == address(0) || partyB == address(0) || partyA == partyB) revert InvalidPartyAddress();
        if (depositAmount < 1 || depositAmount > MAX_DEPOSIT_AMOUNT) revert InvalidDepositAmount();
        if (depositInterval < MIN_DEPOSIT_INTERVAL || depositInterval > MAX_DEPOSIT_INTERVAL) {
            revert InvalidDepositInterval();
        }
        if (bleedRateBpsPerDay < 1 || bleedRateBpsPerDay > MAX_BLEED_RATE_BPS) revert InvalidBleedRate();
        if (gracePeriods > MAX_GRACE_PERIODS) revert InvalidGracePeriods();
        if (exitPenaltyMinBps > exitPenaltyMaxBps || exitPenaltyMaxBps > MAX_PENALTY_BPS) revert InvalidPenaltyBounds();
        if (penaltyDecayTarget < 1 || penaltyDecayTarget > MAX_PENALTY_DECAY_TARGET) {
            revert InvalidPenaltyDecayTarget();
        }
        PARTY_A = partyA;
        PARTY_B = partyB;
        DEPOSIT_AMOUNT = depositAmount;
        DEPOSIT_INTERVAL = depositInterval;
        BLEED_RATE_BPS = bleedRateBpsPerDay;
        GRACE_PERIODS = gracePeriods;
        PENALTY_MAX_BPS = exitPenaltyMaxBps;
        PENALTY_MIN_BPS = exitPenaltyMinBps;
        PENALTY_DECAY_TARGET = penaltyDecayTarget;
        CREATED_AT = block.timestamp;
        emit AgreementCreated(partyA, partyB, depositAmount, depositInterval);
    }

    // ------------------------------------------------------------------ activation (MLL-ACT, MLL-CIN)

    /// @notice MLL-ACT-001 … MLL-ACT-005: pay the first intervals; the second activation, within
    /// ACTIVATION_WINDOW of the first, starts the schedule.
    function activate() external payable {
        uint256 role = _roleOf(msg.sender);
        _requirePhase(Phase.Inactive);
        Party storage party = _parties[role];
        if (party.paidIntervals != 0) revert AlreadyActivated();
        uint256 first = _firstActivatedAt;
        if (first != 0 && block.timestamp >= first + ACTIVATION_WINDOW) revert ActivationWindowClosed();
        uint256 intervals = _intervalsIn(msg.value);
        uint256 limit = 1 + MAX_PREPAID_INTERVALS;
        if (intervals > limit) revert PrepaymentLimitExceeded(limit * DEPOSIT_AMOUNT);

        party.share = msg.value;
        party.paidIntervals = uint64(intervals);
        party.lastActionAt = uint64(block.timestamp);
        if (_parties[1 - role].paidIntervals != 0) {
            _phase = Phase.Active;
            _activatedAt = uint64(block.timestamp);
            _accruedUntil = uint64(block.timestamp);
            emit AgreementActivated(block.timestamp);
        } else {
            _firstActivatedAt = uint64(block.timestamp);
        }
        emit Deposited(msg.sender, msg.value, msg.value);
    }

    /// @notice MLL-CIN-001 … MLL-CIN-003: once no second activation can come, either party may
    /// call the lock off; every deposit goes back to its payer.
    function cancelInactive() external payable {
        _requireNoValue();
        uint256 role = _roleOf(msg.sender);
        _requirePhase(Phase.Inactive);
        uint256 first = _firstActivatedAt;
        uint256 closesAt = (first != 0 ? first : CREATED_AT) + ACTIVATION_WINDOW;
        if (block.timestamp < closesAt) revert ActivationWindowOpen(closesAt);
        uint256 refundA = _parties[0].share;
        uint256 refundB = _parties[1].share;
        _end(refundA, refundB);
        _parties[role].lastActionAt = uint64(block.timestamp);
        emit InactiveCancelled(msg.sender, refundA + refundB);
    }

    // ------------------------------------------------------------------ deposits (MLL-SCH)

    /// @notice MLL-SCH-002 … MLL-SCH-006, MLL-SCH-008, MLL-SCH-009: pay k = value / d intervals, arrears or
    /// ahead, at most MAX_PREPAID_INTERVALS beyond the schedule, not once both exits are executable.
    /// The depositor's bleed is settled first.
    function deposit() external payable {
        uint256 role = _roleOf(msg.sender);
        _requirePhase(Phase.Active);
        uint256 intervals = _intervalsIn(msg.value);
        uint256 limit = _reachedIntervals() + MAX_PREPAID_INTERVALS;
        Party storage party = _parties[role];
        uint256 paid = party.paidIntervals;
        if (paid + intervals > limit) revert PrepaymentLimitExceeded((limit - paid) * DEPOSIT_AMOUNT);
        uint256 other = 1 - role;
        // MLL-SCH-009: otherwise a deposit and the counterparty's execution in one block would decide whether the deposit is penalised
        if (_isExecutable(role) && _isExecutable(other)) revert BothExitsExecutable();

        bool wasInDefault = _isInDefault(role);
        _accrue();
        _settle(role);
        uint256 share = party.share + msg.value;
        party.share = share;
        party.paidIntervals = uint64(paid + intervals);
        party.lastActionAt = uint64(block.timestamp);
        // MLL-ABN-006: the claimer's compliance, which an abandonment claim needs, restarts here
        if (wasInDefault && !_isInDefault(role)) party.curedAt = uint64(block.timestamp);
        // MLL-SCH-008: the counterparty's live proposal was made on the old shares; the depositor's own stands
        if (_isProposalLive(_parties[other].exitProposedAt)) {
            _parties[other].exitProposedAt = 0;
            emit ExitProposalCancelled(_addressOf(other));
        }
        emit Deposited(msg.sender, msg.value, share);
    }

    // ------------------------------------------------------------------ bleeding (MLL-BLD)

    /// @notice MLL-BLD-011: advances the bleed clocks, moves no value and records no liveness, even
    /// for a party; kept for tools written for the deployed contract. Whether and when anyone
    /// calls it changes no outcome.
    function applyBleeding() external payable {
        _requireNoValue();
        _requirePhase(Phase.Active);
        _accrue();
    }

    // ------------------------------------------------------------------ peaceful exit (MLL-PEX)

    /// @notice MLL-PEX-001, MLL-PEX-003, MLL-PEX-005: propose; if the counterparty's proposal is
    /// live, the lock ends and each party is credited its settled share — unless the counterparty's
    /// exit is executable, when its offer cannot be taken up.
    function proposeExit() external payable {
        uint256 role = _enterActive();
        uint256 other = 1 - role;
        bool accepting = _isProposalLive(_parties[other].exitProposedAt);
        // MLL-PEX-005: otherwise this acceptance and the proposer's execution in one block would decide whether the proposer pays
        if (accepting && _isExecutable(other)) revert CounterpartyExitExecutable();
        _parties[role].exitProposedAt = uint64(block.timestamp);
        emit ExitProposed(msg.sender);
        if (!accepting) return;
        _settle(0);
        _settle(1);
        uint256 shareA = _parties[0].share;
        uint256 shareB = _parties[1].share;
        _end(shareA, shareB);
        emit PeacefulExit(shareA, shareB);
    }

    /// @notice MLL-PEX-004: withdraw the caller's proposal, if any.
    function cancelExitProposal() external payable {
        uint256 role = _enterActive();
        _parties[role].exitProposedAt = 0;
        emit ExitProposalCancelled(msg.sender);
    }

    // ------------------------------------------------------------------ unilateral exit (MLL-UEX)

    /// @notice MLL-UEX-001, MLL-UEX-009, MLL-UEX-010: start the caller's own countdown, freezing its
    /// maturity rate and whether the waiver holds now.
    function initiateUnilateralExit() external payable {
        uint256 role = _enterActive();
        Party storage party = _parties[role];
        if (_isExitLive(party.executeAfter)) revert UnilateralExitAlreadyActive();
        uint256 rate = _penaltyBps(_countedIntervals(role));
        bool waived = _penaltyWaived(role);
        uint256 executeAfter = block.timestamp + UNILATERAL_EXIT_COUNTDOWN;
        party.executeAfter = uint64(executeAfter);
        party.frozenPenaltyBps = uint16(rate);
        party.exitWaived = waived;
        emit UnilateralExitInitiated(msg.sender, executeAfter);
    }

    /// @notice MLL-UEX-013: withdraw the caller's live exit, during its countdown only.
    function cancelUnilateralExit() external payable {
        uint256 role = _enterActive();
        Party storage party = _parties[role];
        if (!_isExitLive(party.executeAfter)) revert NoActiveUnilateralExit();
        if (block.timestamp >= party.executeAfter) revert ExitCountdownElapsed(party.executeAfter);
        party.executeAfter = 0;
        party.frozenPenaltyBps = 0;
        party.exitWaived = false;
        emit UnilateralExitCancelled(msg.sender);
    }

    /// @notice MLL-UEX-004 … MLL-UEX-006, MLL-UEX-011, MLL-UEX-012: the initiator leaves, paying its
    /// frozen rate (or none, under the waiver, MLL-UEX-010) to the counterparty; a counterparty's
    /// exit executable now too is executed with it, at its own rate.
    function executeUnilateralExit() external payable {
        uint256 role = _enterActive();
        Party storage party = _parties[role];
        uint256 executeAfter = party.executeAfter;
        if (!_isExitLive(executeAfter)) revert NoActiveUnilateralExit();
        if (block.timestamp < executeAfter) revert ExitCountdownNotElapsed(executeAfter);
        uint256 counterparty = 1 - role;
        bool both = _isExecutable(counterparty);
        uint256 rate = _exitRate(role);
        uint256 otherRate = both ? _exitRate(counterparty) : 0;
        _settle(0);
        _settle(1);
        uint256 share = party.share;
        uint256 otherShare = _parties[counterparty].share;
        uint256 penalty = share * rate / BPS;
        uint256 otherPenalty = otherShare * otherRate / BPS;
        uint256 received = share - penalty;
        uint256 otherReceived = otherShare - otherPenalty;
        if (role == 0) _end(received + otherPenalty, otherReceived + penalty);
        else _end(otherReceived + penalty, received + otherPenalty);
        emit UnilateralExitExecuted(msg.sender, received, penalty);
        if (both) emit UnilateralExitExecuted(_addressOf(counterparty), otherReceived, otherPenalty);
    }

    // ------------------------------------------------------------------ abandonment (MLL-ABN)

    /// @notice MLL-ABN-002 … MLL-ABN-006, MLL-ABN-008: against a counterparty silent past the threshold and
    /// in default, by a claimer not in default and not for as long; the silent party exits at its
    /// own rate.
    function claimAbandoned() external payable {
        uint256 role = _enterActive();
        uint256 silent = 1 - role;
        uint256 threshold = _abandonmentThreshold();
        uint256 silentAfter = _parties[silent].lastActionAt + threshold;
        if (block.timestamp <= silentAfter) revert CounterpartyNotSilent(silentAfter);
        if (!_isInDefault(silent)) revert CounterpartyNotInDefault();
        // MLL-ABN-008: a cure in the first day of the default wins over a claim in the same block
        uint256 claimableAt = _defaultStartsAt(silent) + DAY;
        if (block.timestamp < claimableAt) revert CounterpartyDefaultTooRecent(claimableAt);
        if (_isInDefault(role)) revert ClaimerInDefault();
        // MLL-ABN-006: silence counts only while the claimer itself is out of default
        uint256 cured = _parties[role].curedAt;
        if (cured != 0 && block.timestamp <= cured + threshold) revert ClaimerRecentlyInDefault(cured + threshold);
        uint256 rate = _penaltyBps(_countedIntervals(silent));
        _settle(0);
        _settle(1);
        uint256 silentShare = _parties[silent].share;
        uint256 penalty = silentShare * rate / BPS;
        uint256 amount = _parties[role].share + penalty;
        uint256 kept = silentShare - penalty;
        if (role == 0) _end(amount, kept);
        else _end(kept, amount);
        emit AbandonedClaimed(msg.sender, amount);
    }

    // ------------------------------------------------------------------ withdrawal (MLL-WDR)

    /// @notice MLL-WDR-001 … MLL-WDR-004: pay the caller its claimable, crediting forced ether
    /// first once the lock has ended.
    function withdraw() external payable {
        _requireNoValue();
        if (_phase == Phase.Exited) _creditSurplus();
        uint256 amount;
        uint256 role = 2;
        if (msg.sender == PARTY_A) role = 0;
        else if (msg.sender == PARTY_B) role = 1;
        if (role < 2) amount = _parties[role].claimable;
        if (amount == 0) revert NothingToWithdraw();
        _parties[role].claimable = 0;
        emit Withdrawn(msg.sender, amount);
        (bool sent,) = msg.sender.call{value: amount}("");
        if (!sent) revert TransferFailed();
    }

    /// @notice MLL-WDR-005: deposits go through activate() and deposit().
    receive() external payable {
        revert DirectTransferRejected();
    }

    // ------------------------------------------------------------------ views (MLL-VIEW)

    /// @notice MLL-VIEW-001: both shares as settled at the block time, their sum, the phase.
    /// @return shareA Party A's share as settled at the block time.
    /// @return shareB Party B's share as settled at the block time.
    /// @return totalPool The sum of both shares.
    /// @return phase The current phase.
    function getPoolState() external view returns (uint256 shareA, uint256 shareB, uint256 totalPool, Phase phase) {
        (uint256[2] memory shares,) = _settledNow();
        return (shares[0], shares[1], shares[0] + shares[1], _phase);
    }

    /// @notice MLL-VIEW-002: the maturity rate an exit initiated now would freeze, before any waiver.
    /// @param party A party of the lock; any other address reverts `NotParty`.
    /// @return The rate, in basis points.
    function getExitPenalty(address party) external view returns (uint256) {
        return _penaltyBps(_countedIntervals(_roleOf(party)));
    }

    /// @notice MLL-VIEW-003: one party's schedule, default, bleed and exit standing.
    /// @param who A party of the lock; any other address reverts `NotParty`.
    /// @return The party's standing at the block time.
    function getPartyStatus(address who) external view returns (PartyStatus memory) {
        uint256 role = _roleOf(who);
        (uint256[2] memory shares, uint256[2] memory clocks) = _settledNow();
        return _status(role, shares[role], clocks[role]);
    }

    /// @notice MLL-VIEW-007: the whole observable state in one call.
    /// @return phase The current phase.
    /// @return activatedAt The block time t0 of activation; 0 before.
    /// @return a Party A's standing, as getPartyStatus.
    /// @return b Party B's standing, as getPartyStatus.
    function getLockStatus()
        external
        view
        returns (Phase phase, uint256 activatedAt, PartyStatus memory a, PartyStatus memory b)
    {
        (uint256[2] memory shares, uint256[2] memory clocks) = _settledNow();
        return (_phase, _activatedAt, _status(0, shares[0], clocks[0]), _status(1, shares[1], clocks[1]));
    }

    /// @dev MLL-VIEW-003, given the party's settled share and accrued clock at the block time.
    function _status(uint256 role, uint256 share, uint256 clock) internal view returns (PartyStatus memory status) {
        Party storage party = _parties[role];
        bool exitLive = _isExitLive(party.executeAfter);
        uint256 counted = _countedIntervals(role);
        status.share = share;
        status.paidIntervals = party.paidIntervals;
        status.reachedIntervals = _reachedIntervals();
        status.countedIntervals = counted;
        status.inDefault = _phase == Phase.Active && _isInDefault(role);
        status.defaultStartsAt = _activatedAt == 0 ? 0 : _defaultStartsAt(role);
        status.bleedSeconds = clock;
        status.lastActionAt = party.lastActionAt;
        status.exitProposalLive = _isProposalLive(party.exitProposedAt);
        status.unilateralExitLive = exitLive;
        status.executeAfter = exitLive ? party.executeAfter : 0;
        status.frozenPenaltyBps = exitLive && !party.exitWaived ? party.frozenPenaltyBps : 0;
        status.exitPenaltyBps = _penaltyBps(counted);
        status.claimable = party.claimable;
    }

    /// @notice MLL-VIEW-004: the deployed contract's Agreement, field for field.
    /// @return partyA Party A.
    /// @return partyB Party B.
    /// @return depositAmount The amount d owed every interval, in wei.
    /// @return depositInterval The deposit interval T, in seconds.
    /// @return bleedRatePerDay The bleed rate r, in basis points per whole day.
    /// @return gracePeriodsAllowed The grace periods G.
    /// @return exitPenaltyMaxBps The maximum unilateral exit penalty, in basis points.
    /// @return exitPenaltyMinBps The minimum unilateral exit penalty, in basis points.
    /// @return penaltyDecayTarget The counted intervals n at which the penalty reaches its minimum.
    /// @return exitCountdown The unilateral exit countdown, UNILATERAL_EXIT_COUNTDOWN.
    /// @return phase The current phase.
    /// @return createdAt The block time of deployment.
    /// @return activatedAt The block time t0 of activation; 0 before.
    function agreement()
        external
        view
        returns (
            address partyA,
            address partyB,
            uint256 depositAmount,
            uint256 depositInterval,
            uint256 bleedRatePerDay,
            uint256 gracePeriodsAllowed,
            uint256 exitPenaltyMaxBps,
            uint256 exitPenaltyMinBps,
            uint256 penaltyDecayTarget,
            uint256 exitCountdown,
            Phase phase,
            uint256 createdAt,
            uint256 activatedAt
        )
    {
        return (
            PARTY_A,
            PARTY_B,
            DEPOSIT_AMOUNT,
            DEPOSIT_INTERVAL,
            BLEED_RATE_BPS,
            GRACE_PERIODS,
            PENALTY_MAX_BPS,
            PENALTY_MIN_BPS,
            PENALTY_DECAY_TARGET,
            UNILATERAL_EXIT_COUNTDOWN,
            _phase,
            CREATED_AT,
            _activatedAt
        );
    }

    /// @notice MLL-VIEW-004: what an address may withdraw; 0 for anyone but the parties.
    /// @param who Any address.
    /// @return The amount `who` may withdraw, in wei.
    function claimable(address who) external view returns (uint256) {
        if (who == PARTY_A) return _parties[0].claimable;
        if (who == PARTY_B) return _parties[1].claimable;
        return 0;
    }

    // ------------------------------------------------------------------ checks (MLL-STA)

    /// @dev MLL-STA-002: the caller's role, 0 for A, 1 for B.
    function _roleOf(address who) internal view returns (uint256) {
        if (who == PARTY_A) return 0;
        if (who == PARTY_B) return 1;
        revert NotParty();
    }

    /// @dev MLL-STA-003
    function _requirePhase(Phase expected) internal view {
        if (_phase != expected) revert WrongPhase(expected, _phase);
    }

    /// @dev MLL-STA-004
    function _requireNoValue() internal view {
        if (msg.value != 0) revert UnexpectedValue();
    }

    /// @dev The prologue of every party-only function of the active lock: no value, a party, the
    /// Active phase; then the clocks advance and the caller's liveness is recorded (MLL-STA-008,
    /// MLL-BLD-002, MLL-ABN-007).
    function _enterActive() internal returns (uint256 role) {
        _requireNoValue();
        role = _roleOf(msg.sender);
        _requirePhase(Phase.Active);
        _accrue();
        _parties[role].lastActionAt = uint64(block.timestamp);
    }

    /// @dev MLL-SCH-002, MLL-ACT-001: a positive whole number of intervals.
    function _intervalsIn(uint256 value) internal view returns (uint256) {
        if (value == 0 || value % DEPOSIT_AMOUNT != 0) revert InvalidDepositValue();
        return value / DEPOSIT_AMOUNT;
    }

    // ------------------------------------------------------------------ schedule (MLL-SCH, MLL-DEF)

    /// @dev MLL-SCH-001: ⌊(now − t0)/T⌋ + 1 once active, 0 before.
    function _reachedIntervals() internal view returns (uint256) {
        uint256 t0 = _activatedAt;
        return t0 == 0 ? 0 : (block.timestamp - t0) / DEPOSIT_INTERVAL + 1;
    }

    /// @dev MLL-SCH-005: min(paid, reached).
    function _countedIntervals(uint256 role) internal view returns (uint256) {
        uint256 paid = _parties[role].paidIntervals;
        uint256 reached = _reachedIntervals();
        return paid < reached ? paid : reached;
    }

    /// @dev MLL-DEF-001: t0 + (paid + G)·T. Only meaningful once active.
    function _defaultStartsAt(uint256 role) internal view returns (uint256) {
        return _activatedAt + (_parties[role].paidIntervals + GRACE_PERIODS) * DEPOSIT_INTERVAL;
    }

    /// @dev MLL-DEF-001
    function _isInDefault(uint256 role) internal view returns (bool) {
        return _activatedAt != 0 && block.timestamp >= _defaultStartsAt(role);
    }

    /// @dev MLL-UEX-010, with the clocks accrued to now: the exiter is not in default and its
    /// counterparty carries a whole day of one-sided default, which only a party in default can
    /// carry and which will be settled to the exiter (MLL-BLD-009).
    function _penaltyWaived(uint256 role) internal view returns (bool) {
        return !_isInDefault(role) && _parties[1 - role].bleedClock >= DAY;
    }

    /// @dev MLL-UEX-010: an executing exit's rate, 0 if the waiver holds now, or held at initiation
    /// and the exiter is not in default now; else the rate frozen at initiation (MLL-UEX-009).
    function _exitRate(uint256 role) internal view returns (uint256) {
        Party storage party = _parties[role];
        bool waived = _penaltyWaived(role) || (party.exitWaived && !_isInDefault(role));
        return waived ? 0 : party.frozenPenaltyBps;
    }

    // ------------------------------------------------------------------ deadlines

    /// @dev MLL-PEX-002
    function _isProposalLive(uint256 proposedAt) internal view returns (bool) {
        return proposedAt != 0 && block.timestamp < proposedAt + EXIT_PROPOSAL_WINDOW;
    }

    /// @dev MLL-UEX-005
    function _isExitLive(uint256 executeAfter) internal view returns (bool) {
        return executeAfter != 0 && block.timestamp < executeAfter + EXIT_EXECUTION_WINDOW;
    }

    /// @dev MLL-UEX-004, MLL-UEX-005: a party's exit is live and its countdown over.
    function _isExecutable(uint256 role) internal view returns (bool) {
        uint256 executeAfter = _parties[role].executeAfter;
        return _isExitLive(executeAfter) && block.timestamp >= executeAfter;
    }

    /// @dev MLL-ABN-002: max(90 days, 3·T).
    function _abandonmentThreshold() internal view returns (uint256) {
        uint256 byIntervals = ABANDONMENT_MIN_INTERVALS * DEPOSIT_INTERVAL;
        return byIntervals > ABANDONMENT_MIN_SILENCE ? byIntervals : ABANDONMENT_MIN_SILENCE;
    }

    // ------------------------------------------------------------------ bleeding (MLL-BLD)

    /// @dev MLL-BLD-001, MLL-BLD-002: both clocks advanced to now, without writing.
    function _accruedClocks() internal view returns (uint256 clockA, uint256 clockB) {
        clockA = _parties[0].bleedClock;
        clockB = _parties[1].bleedClock;
        uint256 from = _accruedUntil;
        if (_phase != Phase.Active || block.timestamp == from) return (clockA, clockB);
        uint256 startA = _defaultStartsAt(0);
        uint256 startB = _defaultStartsAt(1);
        if (startA < startB) clockA += _overlap(from, block.timestamp, startA, startB);
        else if (startB < startA) clockB += _overlap(from, block.timestamp, startB, startA);
    }

    /// @dev MLL-BLD-002: write the clocks accrued to now.
    function _accrue() internal {
        (uint256 clockA, uint256 clockB) = _accruedClocks();
        _parties[0].bleedClock = uint64(clockA);
        _parties[1].bleedClock = uint64(clockB);
        _accruedUntil = uint64(block.timestamp);
    }

    /// @dev The length of [from, to) ∩ [start, end).
    function _overlap(uint256 from, uint256 to, uint256 start, uint256 end) internal pure returns (uint256) {
        uint256 lo = from > start ? from : start;
        uint256 hi = to < end ? to : end;
        return hi > lo ? hi - lo : 0;
    }

    /// @dev MLL-BLD-004 … MLL-BLD-006: settle a party's whole days into the shares.
    function _settle(uint256 role) internal {
        Party storage party = _parties[role];
        uint256 clock = party.bleedClock;
        uint256 days_ = clock / DAY;
        if (days_ == 0) return;
        uint256 share = party.share;
        uint256 retained = _mulWadUp(share, _retainedFraction(days_));
        uint256 amount = share - retained;
        party.share = retained;
        party.bleedClock = uint64(clock - days_ * DAY);
        _parties[1 - role].share += amount;
        if (amount != 0) emit BleedingApplied(_addressOf(role), _addressOf(1 - role), amount);
    }

    /// @dev MLL-VIEW-001: the shares as settling both parties now would leave them (A first), and
    /// the clocks accrued to now before that settlement; nothing is written.
    function _settledNow() internal view returns (uint256[2] memory shares, uint256[2] memory clocks) {
        (clocks[0], clocks[1]) = _accruedClocks();
        shares[0] = _parties[0].share;
        shares[1] = _parties[1].share;
        for (uint256 role = 0; role < 2; ++role) {
            if (clocks[role] < DAY) continue;
            uint256 retained = _mulWadUp(shares[role], _retainedFraction(clocks[role] / DAY));
            shares[1 - role] += shares[role] - retained;
            shares[role] = retained;
        }
    }

    // ------------------------------------------------------------------ arithmetic (MLL-ARI)

    /// @dev MLL-ARI-002: ⌈a·b / WAD⌉.
    function _mulWadUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return (a * b + WAD - 1) / WAD;
    }

    /// @dev MLL-ARI-003: (1 − r/10000)^days by squaring, every product rounded up.
    function _retainedFraction(uint256 days_) internal view returns (uint256 result) {
        uint256 base = (BPS - BLEED_RATE_BPS) * (WAD / BPS);
        result = WAD;
        uint256 n = days_;
        while (n > 0) {
            if (n & 1 == 1) result = _mulWadUp(result, base);
            n >>= 1;
            if (n > 0) base = _mulWadUp(base, base);
        }
    }

    /// @dev MLL-PEN-001, MLL-ARI-005: P_max − ⌊(P_max − P_min)·min(m, n)/n⌋.
    function _penaltyBps(uint256 counted) internal view returns (uint256) {
        uint256 m = counted < PENALTY_DECAY_TARGET ? counted : PENALTY_DECAY_TARGET;
        return PENALTY_MAX_BPS - (PENALTY_MAX_BPS - PENALTY_MIN_BPS) * m / PENALTY_DECAY_TARGET;
    }

    // ------------------------------------------------------------------ ending

    /// @dev MLL-STA-001: the lock ends; each party is credited what its exit path gives it.
    function _end(uint256 toA, uint256 toB) internal {
        _phase = Phase.Exited;
        _close(_parties[0], toA);
        _close(_parties[1], toB);
    }

    function _close(Party storage party, uint256 credit) internal {
        party.claimable += credit;
        party.share = 0;
        party.bleedClock = 0;
        party.exitProposedAt = 0;
        party.executeAfter = 0;
        party.frozenPenaltyBps = 0;
        party.exitWaived = false;
    }

    /// @dev MLL-WDR-004, MLL-ARI-007: forced ether, ⌊s/2⌋ to A and the rest to B.
    function _creditSurplus() internal {
        uint256 books = _parties[0].claimable + _parties[1].claimable;
        uint256 balance = address(this).balance;
        if (balance <= books) return;
        uint256 surplus = balance - books;
        uint256 toA = surplus / 2;
        uint256 toB = surplus - toA;
        _parties[0].claimable += toA;
        _parties[1].claimable += toB;
        emit SurplusCredited(toA, toB);
    }

    function _addressOf(uint256 role) internal view returns (address) {
        return role == 0 ? PARTY_A : PARTY_B;
    }
}
