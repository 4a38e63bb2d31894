/**
 * The records that flow through the guard: front doors (the Aspect, `scan`) build
 * {@link NodeDefinition}s, analysis turns them into {@link NodeFacts}, rules turn facts into
 * {@link Finding}s, reporters present findings.
 */
import type { AmiReference, ContainerdResolution } from './ami/types';
import type { IntrinsicValue, UserDataAnalysis, UserDataLocation } from './userdata/types';

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
  /** CloudFormation logical id of the resource. */
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
  /** Defined in the app, but the front door could not read it (see {@link NodeDefinition.launchTemplateRef}): cannot be verified. */
  | 'unreadable'
  /** No launch template (or launch configuration). */
  | 'none';

/** One thing that boots EKS worker nodes, as the front door found it. */
export interface NodeDefinition {
  /** What boots the node. */
  readonly kind: NodeKind;
  /** The resource the findings are reported on (the node group, the ASG, the instance, …). */
  readonly source: NodeSource;
  /** The user data as CloudFormation receives it (string or intrinsic tree); absent when none. */
  readonly userData?: IntrinsicValue;
  /** Where the user data is defined (e.g. the launch template), when not on {@link source} itself. */
  readonly userDataSource?: NodeSource;
  /** Whether the launch template (or launch configuration) was found. */
  readonly launchTemplate: LaunchTemplateLink;
  /** Human description of an external or unreadable launch template reference, e.g. `lt-0abc (version $Latest)`. */
  readonly launchTemplateRef?: string;
  /** How the configuration names the node's AMI. */
  readonly ami: AmiReference;
  /** Whether the launch template / resource sets its own image id (managed node group `CUSTOM`). */
  readonly customAmi: boolean;
}

/** A {@link NodeDefinition} with its analysis results. What rules read. */
export interface NodeFacts {
  /** The node as the front door found it. */
  readonly node: NodeDefinition;
  /** Absent when the node has no user data (or its launch template is external). */
  readonly userData?: UserDataAnalysis;
  /** Which containerd the node's AMI ships, and how the guard knows. */
  readonly containerd: ContainerdResolution;
}

/** `error` fails `cdk synth` (and `scan`'s exit code); `warning` and `info` are reported only. */
export type Severity = 'error' | 'warning' | 'info';

/** A rule's conclusion about one node. */
export interface Finding {
  /** Rule id, e.g. `resolv-conf-empty`. */
  readonly ruleId: string;
  /** How bad it is for this node (rules lower it when the AMI is known not to be affected). */
  readonly severity: Severity;
  /** One-line summary, e.g. `kubelet --resolv-conf points at a file the user data leaves empty`. */
  readonly title: string;
  /** The full explanation: value and how it was set, AMI and containerd with sources. */
  readonly detail: string;
  /** What to change. */
  readonly fix: string;
  /** The resource the finding is about. */
  readonly source: NodeSource;
  /** Structured evidence for reports (JSON-serialisable). */
  readonly evidence: FindingEvidence;
}

/** What a finding is based on, for reports and tests. Rules may add their own keys. */
export interface FindingEvidence {
  /** The kubelet resolv-conf setting the finding is about. */
  readonly resolvConf?: {
    /** The path given to the kubelet; `''` for an empty value. */
    readonly value: string;
    /** `empty`, `populated` or `unknown`. */
    readonly content: string;
    /** How it reaches the kubelet, e.g. `bootstrap-kubelet-extra-args`. */
    readonly mechanism: string;
    /** Where it is in the user data. */
    readonly location?: UserDataLocation;
  };
  /** The node's AMI as identified. */
  readonly ami?: {
    /** e.g. `amazon-eks-node-1.29-v20241024`. */
    readonly name?: string;
    /** Release tag, e.g. `v20241024`. */
    readonly release?: string;
    /** `al2`, `al2023`, `bottlerocket`, `windows` or `unknown`. */
    readonly family: string;
    /** How the AMI was identified. */
    readonly source: string;
  };
  /** The node's containerd and the verdict on it. */
  readonly containerd?: {
    /** `affected`, `not-affected`, `possibly-affected`, `unknown` or `not-applicable`. */
    readonly verdict: string;
    /** Exact upstream version, when known. */
    readonly version?: string;
    /** Lower bound, when only a range is known. */
    readonly min?: string;
    /** Upper bound, when only a range is known. */
    readonly max?: string;
    /** How the version was determined. */
    readonly source: string;
  };
  readonly [key: string]: unknown;
}

/** A finding that a user acknowledged. */
export interface SuppressedFinding extends Finding {
  /** The acknowledgement: the construct path it was made on (`<root>` for the app; it covers everything below) and the reason given. */
  readonly suppressedBy: { readonly scope: string; readonly reason: string };
}
