"use strict";
/**
 * Splitting a kubelet argument string (the value of `--kubelet-extra-args`, `KUBELET_EXTRA_ARGS`,
 * or one nodeadm flag entry) into words. systemd expands an unbraced `$KUBELET_EXTRA_ARGS` in
 * `ExecStart=` by splitting at whitespace and removing quotes, so `--resolv-conf=""` reaches the
 * kubelet as `--resolv-conf=` (systemd.service(5), "Command lines").
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.splitArgs = splitArgs;
/** Splits at unquoted whitespace, removing single and double quotes and backslash escapes. */
function splitArgs(text) {
    const words = [];
    let current = '';
    let inWord = false;
    let quote;
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        if (quote) {
            if (ch === quote)
                quote = undefined;
            else if (ch === '\\' && quote === '"' && i + 1 < text.length)
                current += text[++i];
            else
                current += ch;
        }
        else if (ch === '"' || ch === "'") {
            quote = ch;
            inWord = true;
        }
        else if (ch === '\\' && i + 1 < text.length) {
            current += text[++i];
            inWord = true;
        }
        else if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
            if (inWord)
                words.push(current);
            current = '';
            inWord = false;
        }
        else {
            current += ch;
            inWord = true;
        }
    }
    if (inWord || quote)
        words.push(current);
    return { words, unterminatedQuote: quote !== undefined };
}
//# sourceMappingURL=args.js.map