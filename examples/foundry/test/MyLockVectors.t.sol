// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import {MllVectorReplayer} from "./MllVectorReplayer.sol";
import {MyLock} from "../src/MyLock.sol";

/// Replays every fixture in $MLL_VECTORS (default: vectors/) against MyLock.
contract MyLockVectors is MllVectorReplayer {
    function deployLock(bytes memory constructorArgs) internal override returns (address) {
        // MyLock takes the spec's nine constructor arguments: append them to its creation code.
        return deployCreationCode(type(MyLock).creationCode, constructorArgs);
    }
}
