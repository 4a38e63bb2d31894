"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=resources.js.map