"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALL_RULES = void 0;
exports.rulesFor = rulesFor;
const resolv_conf_deprecated_flag_1 = require("./resolv-conf-deprecated-flag");
const resolv_conf_empty_1 = require("./resolv-conf-empty");
const resolv_conf_unverified_1 = require("./resolv-conf-unverified");
const bootstrap_sh_on_al2023_1 = require("./bootstrap-sh-on-al2023");
const managed_nodegroup_user_data_format_1 = require("./managed-nodegroup-user-data-format");
const user_data_too_large_1 = require("./user-data-too-large");
const kubelet_flag_removed_1 = require("./kubelet-flag-removed");
const user_data_unanalyzable_1 = require("./user-data-unanalyzable");
/** Every rule, in the order findings are reported. */
exports.ALL_RULES = [
    resolv_conf_empty_1.resolvConfEmpty,
    resolv_conf_unverified_1.resolvConfUnverified,
    resolv_conf_deprecated_flag_1.resolvConfDeprecatedFlag,
    user_data_unanalyzable_1.userDataUnanalyzable,
    bootstrap_sh_on_al2023_1.bootstrapShOnAl2023,
    managed_nodegroup_user_data_format_1.managedNodegroupUserDataFormat,
    user_data_too_large_1.userDataTooLarge,
    kubelet_flag_removed_1.kubeletFlagRemoved,
];
/** The rules the options select; an unknown rule id is a configuration error worth failing on. */
function rulesFor(options) {
    const known = new Set(exports.ALL_RULES.map((r) => r.id));
    for (const id of [...(options.rules ?? []), ...(options.skipRules ?? [])]) {
        if (!known.has(id))
            throw new Error(`eks-node-guard: unknown rule id '${id}' (known: ${[...known].join(', ')})`);
    }
    return exports.ALL_RULES.filter((r) => (!options.rules || options.rules.includes(r.id)) && !options.skipRules?.includes(r.id));
}
//# sourceMappingURL=index.js.map