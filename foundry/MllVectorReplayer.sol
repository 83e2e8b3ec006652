// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice The cheatcodes the replayer uses, declared here so that it needs no forge-std.
interface MllVm {
    struct DirEntry {
        string errorMessage;
        string path;
        uint64 depth;
        bool isDir;
        bool isSymlink;
    }

    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function readDir(string calldata path) external view returns (DirEntry[] memory entries);
    function readFile(string calldata path) external view returns (string memory data);
    function parseJsonType(string calldata json, string calldata key, string calldata typeDescription) external pure returns (bytes memory);
    function envOr(string calldata name, string calldata defaultValue) external view returns (string memory value);
    function warp(uint256 newTimestamp) external;
    function prank(address msgSender) external;
    function deal(address account, uint256 newBalance) external;
    function etch(address target, bytes calldata newRuntimeBytecode) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function snapshotState() external returns (uint256 snapshotId);
    function revertToState(uint256 snapshotId) external returns (bool success);
    function toString(uint256 value) external pure returns (string memory);
    function toString(bytes calldata value) external pure returns (string memory);
    function toString(bytes32 value) external pure returns (string memory);
}

/// @title The MLL conformance-vector replayer (format mll-vectors/2, spec/conformance.md)
/// @notice Replays every fixture of a directory against the implementation `deployLock` deploys:
/// for each step it warps, pranks the sender, deals the value, calls with the raw calldata, and
/// compares success, return or revert data, logs, the lock's balance and every view's raw return
/// data with the fixture's. It knows calldata and bytes, not the lock's rules: a mismatch names
/// the fixture, the step, the clause the fixture gives for it, expected and actual.
/// @dev Inherit, override `deployLock`, run `forge test`. Each fixture runs in a state snapshot.
abstract contract MllVectorReplayer {
    MllVm internal constant vm = MllVm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    struct MllLog {
        bytes32[] topics;
        bytes data;
    }

    struct MllViewResult {
        bool success;
        bytes data;
    }

    struct MllViewWord {
        string field;
        string clause;
    }

    struct MllViewCall {
        string name;
        bytes input;
        string clause;
        MllViewWord[] words;
    }

    struct MllParty {
        address account;
        bytes code;
        uint256[] lockAddressAt;
    }

    // Flat, as the JSON's objects are: abi.decode reads the fields by position.
    struct MllDeployment {
        uint256 time;
        bytes constructorArgs;
        string clause;
        bool success;
        bytes returnData;
        MllLog[] logs;
        uint256 balance;
        uint256[] views;
    }

    struct MllStep {
        uint256 time;
        string kind;
        address sender;
        uint256 value;
        bytes input;
        string clause;
        bool success;
        bytes returnData;
        MllLog[] logs;
        uint256 balance;
        uint256[] views;
    }

    /// @dev The keys of a fixture the replay reads; the others (format, source, clauses, params) are for people.
    struct MllFixture {
        string name;
        MllParty[] parties;
        MllViewCall[] views;
        MllViewResult[] viewResults;
        MllDeployment deployment;
        MllStep[] steps;
    }

    string private constant OUTCOME = "bool success,bytes returnData,MllLog[] logs,uint256 balance,uint256[] views)";

    /// @dev The JSON's keys, by name: field order in the structs above is the ABI's, not the JSON's.
    function _fixtureType() private pure returns (string memory) {
        return string.concat(
            "MllFixture(string name,MllParty[] parties,MllViewCall[] views,MllViewResult[] viewResults,MllDeployment deployment,MllStep[] steps)",
            "MllDeployment(uint256 time,bytes constructorArgs,string clause,",
            OUTCOME,
            "MllLog(bytes32[] topics,bytes data)",
            "MllParty(address account,bytes code,uint256[] lockAddressAt)",
            "MllStep(uint256 time,string kind,address sender,uint256 value,bytes input,string clause,",
            OUTCOME,
            "MllViewCall(string name,bytes input,string clause,MllViewWord[] words)MllViewResult(bool success,bytes data)MllViewWord(string field,string clause)"
        );
    }

    /// @notice Deploys the implementation under test with the constructor's nine ABI-encoded
    /// arguments and returns its address; a constructor that reverts must revert with its data
    /// (`deployCreationCode` does).
    function deployLock(bytes memory constructorArgs) internal virtual returns (address);

    /// @notice The directory of fixtures (*.json): $MLL_VECTORS, or `vectors` under the project root.
    function vectorsDir() internal view virtual returns (string memory) {
        return vm.envOr("MLL_VECTORS", string("vectors"));
    }

    /// @notice CREATE with `creationCode` followed by `constructorArgs`, the constructor's revert data bubbled up.
    function deployCreationCode(bytes memory creationCode, bytes memory constructorArgs) internal returns (address lock) {
        bytes memory code = bytes.concat(creationCode, constructorArgs);
        assembly {
            lock := create(0, add(code, 0x20), mload(code))
        }
        if (lock == address(0)) {
            assembly {
                returndatacopy(0, 0, returndatasize())
                revert(0, returndatasize())
            }
        }
    }

    function test_vectors() public {
        MllVm.DirEntry[] memory entries = vm.readDir(vectorsDir());
        uint256 replayed;
        for (uint256 i; i < entries.length; i++) {
            if (entries[i].isDir || !_isJson(entries[i].path)) continue;
            uint256 snapshot = vm.snapshotState();
            // an external call, so each fixture's memory is freed when it ends
            this.replayFixture(entries[i].path);
            vm.revertToState(snapshot);
            replayed++;
        }
        require(replayed > 0, string.concat("no fixtures (*.json) in ", vectorsDir()));
    }

    /// @dev External only so that test_vectors can call it in a frame of its own, whose memory is
    /// freed when the fixture ends. The fixture is parsed in one call: each parse reads the whole file.
    function replayFixture(string calldata path) external {
        require(msg.sender == address(this), "replayFixture: internal");
        MllFixture memory fixture = abi.decode(vm.parseJsonType(vm.readFile(path), ".", _fixtureType()), (MllFixture));
        // each distinct answer hashed once: a step names its answers by index
        bytes32[] memory answerHashes = new bytes32[](fixture.viewResults.length);
        for (uint256 i; i < answerHashes.length; i++) answerHashes[i] = keccak256(fixture.viewResults[i].data);
        MllDeployment memory deployment = fixture.deployment;
        vm.warp(deployment.time);
        vm.recordLogs();
        (bool deployed, bytes memory data, address lock) = _deploy(deployment.constructorArgs);
        _checkOutcome(fixture, DEPLOYMENT, deployment.clause, lock, deployed, data, deployment.success, deployment.returnData, deployment.logs);
        if (!deployed) return;
        for (uint256 i; i < fixture.parties.length; i++) vm.etch(fixture.parties[i].account, _withLockAddress(fixture.parties[i], lock));
        _checkState(fixture, DEPLOYMENT, lock, answerHashes, deployment.balance, deployment.views);
        (uint256 time, uint256 balance, uint256[] memory views) = (deployment.time, deployment.balance, deployment.views);
        MllStep[] memory steps = fixture.steps;
        for (uint256 i; i < steps.length; i++) {
            MllStep memory step = steps[i];
            _replayStep(fixture, i, lock, step);
            if (!_unchanged(time, balance, views, step)) _checkState(fixture, i, lock, answerHashes, step.balance, step.views);
            (time, balance, views) = (step.time, step.balance, step.views);
        }
    }

    /// @dev A call that reverted, as the fixture says it does (_checkOutcome has compared), in the
    /// previous step's second: the EVM undid everything it did and the block is the same, so the
    /// balance and every view answer as after the previous step, already compared. Only when the
    /// fixture expects exactly that; otherwise the views are read and compared as usual.
    function _unchanged(uint256 previousTime, uint256 previousBalance, uint256[] memory previousViews, MllStep memory step) private pure returns (bool) {
        if (bytes(step.kind)[0] != "c" || step.success || step.time != previousTime) return false;
        if (step.balance != previousBalance || step.views.length != previousViews.length) return false;
        for (uint256 v; v < step.views.length; v++) if (step.views[v] != previousViews[v]) return false;
        return true;
    }

    /// @dev External only so that a constructor's revert can be caught with its data.
    function deployForReplay(bytes calldata constructorArgs) external returns (address) {
        require(msg.sender == address(this), "deployForReplay: internal");
        return deployLock(constructorArgs);
    }

    /// @dev The step index that stands for the deployment in a failure's place.
    uint256 private constant DEPLOYMENT = type(uint256).max;

    function _deploy(bytes memory constructorArgs) private returns (bool deployed, bytes memory data, address lock) {
        try this.deployForReplay(constructorArgs) returns (address created) {
            return (true, "", created);
        } catch (bytes memory reason) {
            return (false, reason, address(0));
        }
    }

    function _replayStep(MllFixture memory fixture, uint256 index, address lock, MllStep memory step) private {
        vm.warp(step.time);
        bytes1 kind = bytes(step.kind)[0];
        if (kind == "w") return;
        if (kind == "f") {
            // forced ether: wei that arrive without running any code, as from a self-destruct
            vm.deal(lock, lock.balance + step.value);
            return;
        }
        vm.deal(step.sender, step.value);
        vm.recordLogs();
        vm.prank(step.sender);
        (bool success, bytes memory data) = lock.call{value: step.value}(step.input);
        _checkOutcome(fixture, index, step.clause, lock, success, data, step.success, step.returnData, step.logs);
    }

    /// @dev The success, return or revert data, and (after a success) the logs.
    function _checkOutcome(
        MllFixture memory fixture,
        uint256 index,
        string memory clause,
        address lock,
        bool success,
        bytes memory data,
        bool expectedSuccess,
        bytes memory expectedData,
        MllLog[] memory expectedLogs
    ) private {
        if (success != expectedSuccess || keccak256(data) != keccak256(expectedData)) {
            _fail(fixture, index, clause, "outcome", _outcome(expectedSuccess, expectedData), _outcome(success, data));
        }
        if (!success) return;
        MllVm.Log[] memory logs = vm.getRecordedLogs();
        if (logs.length != expectedLogs.length) {
            _fail(fixture, index, clause, "number of logs", vm.toString(expectedLogs.length), vm.toString(logs.length));
        }
        for (uint256 i; i < logs.length; i++) {
            MllLog memory want = expectedLogs[i];
            bool same = logs[i].emitter == lock && logs[i].topics.length == want.topics.length && keccak256(logs[i].data) == keccak256(want.data);
            for (uint256 t; same && t < want.topics.length; t++) same = logs[i].topics[t] == want.topics[t];
            if (!same) {
                _fail(fixture, index, clause, string.concat("log ", vm.toString(i)), _log(lock, want.topics, want.data), _log(logs[i].emitter, logs[i].topics, logs[i].data));
            }
        }
    }

    /// @dev The lock's balance and every view, read at the step's time, against the answers the step names.
    function _checkState(
        MllFixture memory fixture,
        uint256 index,
        address lock,
        bytes32[] memory answerHashes,
        uint256 balance,
        uint256[] memory expected
    ) private view {
        string memory clause = index == DEPLOYMENT ? fixture.deployment.clause : fixture.steps[index].clause;
        if (lock.balance != balance) _fail(fixture, index, clause, "balance", vm.toString(balance), vm.toString(lock.balance));
        MllViewCall[] memory views = fixture.views;
        if (expected.length != views.length) {
            _fail(fixture, index, clause, "the fixture's view answers", vm.toString(views.length), vm.toString(expected.length));
        }
        for (uint256 v; v < expected.length; v++) {
            (bool success, bytes memory data) = lock.staticcall(views[v].input);
            MllViewResult memory want = fixture.viewResults[expected[v]];
            if (success == want.success && keccak256(data) == answerHashes[expected[v]]) continue;
            MllViewCall memory view_ = views[v];
            if (success && want.success && data.length == want.data.length && data.length == 32 * view_.words.length) {
                for (uint256 w; w < view_.words.length; w++) {
                    bytes32 expectedWord = _word(want.data, w);
                    bytes32 actualWord = _word(data, w);
                    if (expectedWord == actualWord) continue;
                    _fail(fixture, index, view_.words[w].clause, string.concat("view ", view_.name, " ", view_.words[w].field), vm.toString(expectedWord), vm.toString(actualWord));
                }
            }
            _fail(fixture, index, view_.clause, string.concat("view ", view_.name), _outcome(want.success, want.data), _outcome(success, data));
        }
    }

    /// @dev Reverts with the clause, the fixture, the step (its kind and time), what differed, expected and actual.
    function _fail(MllFixture memory fixture, uint256 index, string memory clause, string memory what, string memory expected, string memory actual) private pure {
        string memory step = index == DEPLOYMENT
            ? "deployment"
            : string.concat("step ", vm.toString(index), " (", fixture.steps[index].kind, " at ", vm.toString(fixture.steps[index].time), ")");
        revert(string.concat(clause, ": fixture ", fixture.name, ", ", step, ", ", what, ": expected ", expected, ", actual ", actual));
    }

    function _outcome(bool success, bytes memory data) private pure returns (string memory) {
        return string.concat(success ? "success " : "revert ", vm.toString(data));
    }

    function _log(address emitter, bytes32[] memory topics, bytes memory data) private pure returns (string memory text) {
        text = string.concat("emitter ", vm.toString(bytes.concat(bytes20(emitter))), " topics");
        for (uint256 t; t < topics.length; t++) text = string.concat(text, " ", vm.toString(topics[t]));
        text = string.concat(text, " data ", vm.toString(data));
    }

    function _word(bytes memory data, uint256 index) private pure returns (bytes32 word) {
        assembly {
            word := mload(add(add(data, 0x20), mul(index, 0x20)))
        }
    }

    /// @dev A hostile party's code with the deployed lock's address written where the fixture says.
    function _withLockAddress(MllParty memory party, address lock) private pure returns (bytes memory code) {
        code = party.code;
        for (uint256 i; i < party.lockAddressAt.length; i++) {
            for (uint256 b; b < 20; b++) code[party.lockAddressAt[i] + b] = bytes20(lock)[b];
        }
    }

    function _isJson(string memory path) private pure returns (bool) {
        bytes memory p = bytes(path);
        return p.length >= 5 && p[p.length - 5] == "." && p[p.length - 4] == "j" && p[p.length - 3] == "s" && p[p.length - 2] == "o" && p[p.length - 1] == "n";
    }
}
