/**
 * The records that flow through the guard: front doors (the Aspect, `scan`) build
 * {@link NodeDefinition}s, analysis turns them into {@link NodeFacts}, rules turn facts into
 * {@link Finding}s, reporters present findings.
 */
import type { AmiReference, ContainerdResolution } from './ami/types';
import type { IntrinsicValue, UserDataAnalysis } from './userdata/types';

/** What kind of resource boots the node. */
export type NodeKind =
  | 'managed-nodegroup'
  | 'auto-scaling-group'
  | 'launch-template'
  | 'launch-configuration'
  | 'instance';

/** Where a resource is, in a CDK app and/or a template. */
export interface NodeSource {
  /** CDK construct path, e.g. `Demo/Cluster/Nodegroup/Resource`; absent for plain templates. */
  readonly constructPath?: string;
  /** Stack (artifact) name, when known. */
  readonly stack?: string;
  readonly logicalId?: string;
  /** Template file path (scan). */
  readonly templateFile?: string;
  /** CloudFormation resource type, e.g. `AWS::EKS::Nodegroup`. */
  readonly resourceType?: string;
}

/** How the launch template of a node was referenced. */
export type LaunchTemplateLink =
  /** Found: its user data and image id are part of this definition. */
  | 'resolved'
  /** Referenced by a literal `lt-…` id or a name defined outside the app/template: cannot be verified. */
  | 'external'
  /** No launch template (or launch configuration). */
  | 'none';

/** One thing that boots EKS worker nodes, as the front door found it. */
export interface NodeDefinition {
  readonly kind: NodeKind;
  /** The resource the findings are reported on (the node group, the ASG, the instance, …). */
  readonly source: NodeSource;
  /** The user data as CloudFormation receives it (string or intrinsic tree); absent when none. */
  readonly userData?: IntrinsicValue;
  /** Where the user data is defined (e.g. the launch template), when not on {@link source} itself. */
  readonly userDataSource?: NodeSource;
  readonly launchTemplate: LaunchTemplateLink;
  /** Human description of an external launch template reference, e.g. `lt-0abc (version $Latest)`. */
  readonly launchTemplateRef?: string;
  readonly ami: AmiReference;
  /** Whether the launch template / resource sets its own image id (managed node group `CUSTOM`). */
  readonly customAmi: boolean;
}

/** A {@link NodeDefinition} with its analysis results. What rules read. */
export interface NodeFacts {
  readonly node: NodeDefinition;
  /** Absent when the node has no user data (or its launch template is external). */
  readonly userData?: UserDataAnalysis;
  readonly containerd: ContainerdResolution;
}

export type Severity = 'error' | 'warning' | 'info';

/** A rule's conclusion about one node. */
export interface Finding {
  /** Rule id, e.g. `resolv-conf-empty`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** One-line summary, e.g. `kubelet --resolv-conf points at a file the user data leaves empty`. */
  readonly title: string;
  /** The full explanation: value and how it was set, AMI and containerd with sources. */
  readonly detail: string;
  /** What to change. */
  readonly fix: string;
  readonly source: NodeSource;
  /** Structured evidence for reports (JSON-serialisable). */
  readonly evidence: FindingEvidence;
}

export interface FindingEvidence {
  readonly resolvConf?: {
    readonly value: string;
    readonly content: string;
    readonly mechanism: string;
    readonly location?: object;
  };
  readonly ami?: {
    readonly name?: string;
    readonly release?: string;
    readonly family: string;
    readonly source: string;
  };
  readonly containerd?: {
    readonly verdict: string;
    readonly version?: string;
    readonly min?: string;
    readonly max?: string;
    readonly source: string;
  };
  readonly [key: string]: unknown;
}

/** A finding that a user acknowledged. */
export interface SuppressedFinding extends Finding {
  readonly suppressedBy: { readonly scope: string; readonly reason: string };
}
