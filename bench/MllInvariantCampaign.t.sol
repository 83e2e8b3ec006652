// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {MutualLiquidityLock} from "../src/MutualLiquidityLock.sol";

/// @notice The cheatcodes the campaign uses, declared here so that it needs no forge-std.
interface Vm {
    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function deal(address account, uint256 newBalance) external;
}

/// @notice The 8 actions of the peer campaign (/work/shared/anchors.md): warp 0–60 days, deposit
/// d..3d by A or B, applyBleeding, proposeExit, initiate and execute a unilateral exit,
/// claimAbandoned, withdraw. A call the lock refuses reverts and counts as a call.
contract LockHandler {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    MutualLiquidityLock internal immutable lock;
    address internal immutable partyA;
    address internal immutable partyB;
    uint256 internal immutable d;

    constructor(MutualLiquidityLock lock_, address a, address b, uint256 depositAmount) {
        lock = lock_;
        partyA = a;
        partyB = b;
        d = depositAmount;
    }

    function _party(bool a) private view returns (address) {
        return a ? partyA : partyB;
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + (seconds_ % (60 days + 1)));
    }

    function deposit(bool a, uint256 amount) external {
        uint256 value = d + (amount % (2 * d + 1));
        vm.deal(_party(a), value);
        vm.prank(_party(a));
        lock.deposit{value: value}();
    }

    function applyBleeding() external {
        lock.applyBleeding();
    }

    function proposeExit(bool a) external {
        vm.prank(_party(a));
        lock.proposeExit();
    }

    function initiateUnilateralExit(bool a) external {
        vm.prank(_party(a));
        lock.initiateUnilateralExit();
    }

    function executeUnilateralExit(bool a) external {
        vm.prank(_party(a));
        lock.executeUnilateralExit();
    }

    function claimAbandoned(bool a) external {
        vm.prank(_party(a));
        lock.claimAbandoned();
    }

    function withdraw(bool a) external {
        vm.prank(_party(a));
        lock.withdraw();
    }
}

/// @notice A plain forge invariant campaign on the bundled contract, the peer `npm run bench`
/// measures the vectors route against: the article's parameters, both parties active, random
/// handler calls; after each, the lock's balance is its shares plus what it owes as claimable.
contract MllInvariantCampaign {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);
    address internal constant A = address(0xA11CE);
    address internal constant B = address(0xB0B);
    uint256 internal constant D = 0.1 ether;
    MutualLiquidityLock internal lock;
    LockHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        lock = new MutualLiquidityLock(A, B, D, 30 days, 50, 1, 8000, 1500, 7);
        handler = new LockHandler(lock, A, B, D);
        vm.deal(A, D);
        vm.prank(A);
        lock.activate{value: D}();
        vm.deal(B, D);
        vm.prank(B);
        lock.activate{value: D}();
    }

    /// @notice forge calls this by name (forge-std's StdInvariant declares it): only the handler is fuzzed.
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function invariant_balanceIsSharesPlusClaimable() public view {
        (uint256 shareA, uint256 shareB,,) = lock.getPoolState();
        require(address(lock).balance == shareA + shareB + lock.claimable(A) + lock.claimable(B), "balance != shares + claimable");
    }
}
