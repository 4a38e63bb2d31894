"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.LOOKUP_REQUEST_FILE = exports.ssmContextKey = exports.imageContextKey = exports.analyzeUserData = exports.catalogSource = exports.releaseVersionParameterName = exports.parseSsmParameter = exports.parseReleaseVersion = exports.parseAmiType = exports.parseAmiName = exports.EKS_AMI_TYPES = exports.parseContainerdPattern = exports.parseContainerdPackageVersion = exports.formatContainerdVersion = exports.containerdVerdict = exports.AFFECTED_CONTAINERD_RANGE = exports.kubeletVersionOf = exports.resolveContainerd = exports.ALL_RULES = exports.evaluateNodes = exports.checkEksNodes = exports.EksNodeGuard = void 0;
/**
 * cdk-eks-node-guard: stops broken EKS worker-node configurations at `cdk synth`.
 * @packageDocumentation
 */
__exportStar(require("./model"), exports);
__exportStar(require("./options"), exports);
__exportStar(require("./userdata/types"), exports);
__exportStar(require("./ami/types"), exports);
var eks_node_guard_1 = require("./aspect/eks-node-guard");
Object.defineProperty(exports, "EksNodeGuard", { enumerable: true, get: function () { return eks_node_guard_1.EksNodeGuard; } });
Object.defineProperty(exports, "checkEksNodes", { enumerable: true, get: function () { return eks_node_guard_1.checkEksNodes; } });
var evaluate_1 = require("./evaluate");
Object.defineProperty(exports, "evaluateNodes", { enumerable: true, get: function () { return evaluate_1.evaluateNodes; } });
var rules_1 = require("./rules");
Object.defineProperty(exports, "ALL_RULES", { enumerable: true, get: function () { return rules_1.ALL_RULES; } });
var resolve_1 = require("./ami/resolve");
Object.defineProperty(exports, "resolveContainerd", { enumerable: true, get: function () { return resolve_1.resolveContainerd; } });
Object.defineProperty(exports, "kubeletVersionOf", { enumerable: true, get: function () { return resolve_1.kubeletVersionOf; } });
var containerd_version_1 = require("./ami/containerd-version");
Object.defineProperty(exports, "AFFECTED_CONTAINERD_RANGE", { enumerable: true, get: function () { return containerd_version_1.AFFECTED_CONTAINERD_RANGE; } });
Object.defineProperty(exports, "containerdVerdict", { enumerable: true, get: function () { return containerd_version_1.containerdVerdict; } });
Object.defineProperty(exports, "formatContainerdVersion", { enumerable: true, get: function () { return containerd_version_1.formatContainerdVersion; } });
Object.defineProperty(exports, "parseContainerdPackageVersion", { enumerable: true, get: function () { return containerd_version_1.parseContainerdPackageVersion; } });
Object.defineProperty(exports, "parseContainerdPattern", { enumerable: true, get: function () { return containerd_version_1.parseContainerdPattern; } });
var identify_1 = require("./ami/identify");
Object.defineProperty(exports, "EKS_AMI_TYPES", { enumerable: true, get: function () { return identify_1.EKS_AMI_TYPES; } });
Object.defineProperty(exports, "parseAmiName", { enumerable: true, get: function () { return identify_1.parseAmiName; } });
Object.defineProperty(exports, "parseAmiType", { enumerable: true, get: function () { return identify_1.parseAmiType; } });
Object.defineProperty(exports, "parseReleaseVersion", { enumerable: true, get: function () { return identify_1.parseReleaseVersion; } });
Object.defineProperty(exports, "parseSsmParameter", { enumerable: true, get: function () { return identify_1.parseSsmParameter; } });
Object.defineProperty(exports, "releaseVersionParameterName", { enumerable: true, get: function () { return identify_1.releaseVersionParameterName; } });
var catalog_1 = require("./catalog/catalog");
Object.defineProperty(exports, "catalogSource", { enumerable: true, get: function () { return catalog_1.catalogSource; } });
var analyze_1 = require("./userdata/analyze");
Object.defineProperty(exports, "analyzeUserData", { enumerable: true, get: function () { return analyze_1.analyzeUserData; } });
var types_1 = require("./lookup/types");
Object.defineProperty(exports, "imageContextKey", { enumerable: true, get: function () { return types_1.imageContextKey; } });
Object.defineProperty(exports, "ssmContextKey", { enumerable: true, get: function () { return types_1.ssmContextKey; } });
Object.defineProperty(exports, "LOOKUP_REQUEST_FILE", { enumerable: true, get: function () { return types_1.LOOKUP_REQUEST_FILE; } });
//# sourceMappingURL=index.js.map