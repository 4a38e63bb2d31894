"use strict";
/**
 * The result model of {@link analyzeUserData}: what the kubelet on a node booted with this user
 * data will get, and everything the analysis could not decide. Stable, JSON-serialisable.
 */
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=types.js.map