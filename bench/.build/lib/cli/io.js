"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsageError = void 0;
/** A usage or input error: the CLI prints the message on one line and exits 2. */
class UsageError extends Error {
}
exports.UsageError = UsageError;
//# sourceMappingURL=io.js.map