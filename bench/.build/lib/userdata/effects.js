"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.applyFileWrite = applyFileWrite;
const holes_1 = require("./holes");
const sinks_1 = require("./sinks");
/** Paths that swallow output: writing there changes no file. */
const DEVICE_PATHS = new Set(['/dev/null', '/dev/stdout', '/dev/stderr', '/dev/console', '/dev/tty']);
/**
 * Applies a file write seen in the user data (shell redirection, `tee`, `cp`, cloud-config
 * `write_files`): updates the file's content state, and reads kubelet drop-ins, environment files
 * and the kubelet config file when that is what is written.
 * @param textPlace where the written text's first line sits (here-document body, write_files content).
 */
function applyFileWrite(ctx, path, data, append, how, location, textPlace) {
    if (DEVICE_PATHS.has(path))
        return;
    const kubeletPath = (0, sinks_1.isKubeletUnitPath)(path) || (0, sinks_1.isKubeletEnvFilePath)(path) || (0, sinks_1.isKubeletConfigPath)(path);
    if ((0, holes_1.hasHole)(path)) {
        if (data.kind !== 'text' || /KUBELET|resolv/i.test(data.text)) {
            ctx.problem('token-hole', `a file whose path is an unresolved value (${ctx.holes.holesIn(path).join(', ')}) is written with content that could configure the kubelet`, true, location);
        }
        return;
    }
    ctx.files.write(path, data, append, how, location);
    if (!kubeletPath)
        return;
    if (data.kind !== 'text') {
        ctx.problem('unknown-kubelet-file', `${path} is written with content the analysis cannot see; it could set kubelet flags or resolvConf`, true, location);
        return;
    }
    // Holes outside KUBELET_EXTRA_ARGS lines (which report their own) could hold any setting.
    const opaqueLines = data.text.split('\n').filter((line) => (0, holes_1.hasHole)(line) && !/KUBELET_EXTRA_ARGS=/.test(line));
    if (opaqueLines.length) {
        ctx.problem('token-hole', `${path} is written with unresolved values (${ctx.holes.holesIn(opaqueLines.join('\n')).join(', ')}); they could set kubelet flags or resolvConf`, true, location);
    }
    if ((0, sinks_1.isKubeletConfigPath)(path))
        (0, sinks_1.recordKubeletConfigText)(ctx, data.text, location);
    else
        (0, sinks_1.recordKubeletUnitText)(ctx, data.text, textPlace.place, textPlace.localLine, (0, sinks_1.isKubeletEnvFilePath)(path));
}
//# sourceMappingURL=effects.js.map