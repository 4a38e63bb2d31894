"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
//# sourceMappingURL=model.js.map