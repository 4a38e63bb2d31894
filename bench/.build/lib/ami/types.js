"use strict";
/**
 * What the guard knows about a node's AMI, and which containerd it concludes the node runs.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=types.js.map