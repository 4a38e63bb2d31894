import { evidenceFor } from './describe';
import type { Rule } from './rule';

/**
 * EC2 refuses user data over 16 KB (16384 bytes) in raw form, before base64 encoding ("User data is
 * limited to 16 KB, in raw form, before it is base64-encoded", EC2 User Guide, "Run commands when
 * you launch an EC2 instance with user data"). The launch template or instance launch fails.
 */
export const USER_DATA_LIMIT_BYTES = 16384;

export const userDataTooLarge: Rule = {
  id: 'user-data-too-large',
  summary: "The node user data is over EC2's 16 KB limit, so instances (or the launch template) are rejected.",
  defaultSeverity: 'error',
  help: [
    'EC2 limits user data to 16 KB (16384 bytes) in raw form, before base64 encoding. Larger user data is rejected',
    'when the launch template version or the instance is created, so no node starts. Scripts grow past the limit',
    'when files, certificates or whole configurations are inlined.',
    '',
    '**Fix:** move large content to S3 or SSM Parameter Store and fetch it at boot, or gzip the user data',
    '(cloud-init decompresses gzip; the limit applies to the compressed bytes).',
  ].join('\n'),
  check(facts) {
    const userData = facts.userData;
    if (!userData || userData.rawBytes <= USER_DATA_LIMIT_BYTES) return [];
    const size = userData.rawBytesApproximate ? `about ${userData.rawBytes} bytes (plus deploy-time values)` : `${userData.rawBytes} bytes`;
    const where = facts.node.userDataSource?.constructPath ?? facts.node.userDataSource?.logicalId;
    return [
      {
        severity: 'error',
        title: `user data is ${size}, over EC2's 16 KB limit`,
        detail:
          `The user data${where ? ` of ${where}` : ''} is ${size} before base64 encoding ` +
          `(${userData.rawBytes - USER_DATA_LIMIT_BYTES} over the limit of ${USER_DATA_LIMIT_BYTES}). ` +
          'EC2 rejects it, so the launch template version or instance cannot be created and no node starts.',
        fix: 'Move large content (files, certificates, configuration) to S3 or SSM Parameter Store and fetch it at boot, or gzip the user data (cloud-init decompresses it; the limit applies to the compressed bytes).',
        evidence: { ...evidenceFor(facts), userData: { rawBytes: userData.rawBytes, decodedBytes: userData.decodedBytes, limit: USER_DATA_LIMIT_BYTES } },
      },
    ];
  },
};
