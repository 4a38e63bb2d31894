import { FileStore } from './files';
import { HoleTable } from './holes';
import type {
  AnalyzeOptions, BootstrapCall, KubeletFlag, ResolvConfMechanism, UserDataFormat, UserDataLocation, UserDataProblem,
} from './types';

/** Where the text being analysed sits: its MIME part, if any, and the line its first line has. */
export interface Place {
  readonly part?: number;
  readonly contentType?: string;
  /** Line number (1-based) of the text's first line within the part or document. */
  readonly firstLine: number;
}

/** A resolv-conf setting before its file content is classified (content depends on the whole boot). */
export interface PendingSetting {
  readonly value: string;
  readonly mechanism: ResolvConfMechanism;
  readonly location: UserDataLocation;
  /** The systemd file the setting is read from (`ResolvConfSetting.file`). */
  readonly file?: string;
  /** Index in `AnalysisContext.extraArgsAssignments` of the `KUBELET_EXTRA_ARGS` assignment carrying the setting. */
  readonly assignment?: number;
  /** Set in one branch of an `if`/`case` whose branches set different values: which construct, which branch. */
  readonly alternative?: { readonly construct: number; readonly branch: number };
}

/** One assignment of `KUBELET_EXTRA_ARGS` that systemd reads: the file it is in, and where the user data writes it. */
export interface ExtraArgsAssignment {
  readonly file: string;
  readonly location: UserDataLocation;
  /** Made in one of several alternative branches (`if`/`else`, `case` arms): it may not happen. */
  readonly conditional?: boolean;
}

/** A `KUBELET_EXTRA_ARGS` line of an environment file, kept until it is known whether a kubelet unit reads the file. */
export interface EnvFileAssignment {
  readonly file: string;
  /** The assigned value, quotes removed. */
  readonly value: string;
  readonly location: UserDataLocation;
  /** Written in one of several alternative branches (see {@link ExtraArgsAssignment.conditional}). */
  readonly conditional?: boolean;
}

/** Everything one analysis accumulates; each decoder adds to it. */
export class AnalysisContext {
  readonly holes = new HoleTable();
  readonly problems: UserDataProblem[] = [];
  readonly settings: PendingSetting[] = [];
  readonly flags: KubeletFlag[] = [];
  readonly bootstrapCalls: BootstrapCall[] = [];
  /** Every `KUBELET_EXTRA_ARGS` assignment systemd reads, in script order (the last one systemd reads wins). */
  readonly extraArgsAssignments: ExtraArgsAssignment[] = [];
  /** Files a kubelet unit or drop-in written by the user data reads with `EnvironmentFile=`. */
  readonly kubeletEnvFiles = new Set<string>();
  /** `KUBELET_EXTRA_ARGS` lines of environment files, recorded at the end if a unit reads the file. */
  readonly envFileAssignments: EnvFileAssignment[] = [];
  readonly formats: UserDataFormat[] = [];
  /** Files the user data writes, in boot order. */
  readonly files = new FileStore();
  readonly maxDecodedBytes: number;
  readonly maxMimeDepth: number;
  usesNodeadm = false;
  sawLinux = false;
  sawWindows = false;
  sawBottlerocket = false;
  decodedBytes = 0;
  /** Normalised texts of the parts relevance gating left out (see `relevance.ts`). */
  readonly skipped: string[] = [];
  private partCount = 0;
  private alternativesCount = 0;

  /** @param gating leave out parts that cannot change the result (`relevance.ts`). */
  constructor(options: AnalyzeOptions, readonly gating: boolean) {
    this.maxDecodedBytes = positiveOr(options.maxDecodedBytes, 1024 * 1024);
    this.maxMimeDepth = positiveOr(options.maxMimeDepth, 8);
  }

  /** Records a format once, in the order first seen (outermost first). */
  format(format: UserDataFormat): void {
    if (!this.formats.includes(format)) this.formats.push(format);
  }

  /** A number for the next `if`/`case` whose branches set resolv-conf differently. */
  nextAlternatives(): number {
    return ++this.alternativesCount;
  }

  /** The next leaf MIME part number (1-based, document order). */
  nextPart(): number {
    return ++this.partCount;
  }

  problem(code: string, reason: string, mayAffectResolvConf: boolean, location?: UserDataLocation): void {
    this.problems.push(location ? { code, reason, location, mayAffectResolvConf } : { code, reason, mayAffectResolvConf });
  }

  /** A location for line `localLine` (1-based) of text placed at `place`, quoting `lineText`. */
  location(place: Place, localLine: number, lineText?: string): UserDataLocation {
    // Keys in a fixed order (part, contentType, line, text) so JSON output is stable.
    const loc: { part?: number; contentType?: string; line?: number; text?: string } = {};
    if (place.part !== undefined) loc.part = place.part;
    if (place.contentType !== undefined) loc.contentType = place.contentType;
    loc.line = place.firstLine + localLine - 1;
    if (lineText !== undefined) loc.text = this.displayLine(lineText);
    return loc;
  }

  /** A source line for people: holes shown as `{{...}}`, trimmed, cut to 200 characters. */
  displayLine(text: string): string {
    const shown = this.holes.display(text).trim();
    return shown.length > 200 ? shown.slice(0, 197) + '...' : shown;
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
