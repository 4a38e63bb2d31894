import { classifyAwsError } from '../../lib/lookup/errors';
import { awsError, networkError } from './aws-fixtures';

test.each([
  [awsError('AccessDeniedException', 'not authorized'), 'access-denied'],
  [awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'), 'access-denied'],
  [awsError('AuthFailure', 'AWS was not able to validate the provided access credentials'), 'invalid-credentials'],
  [awsError('ExpiredTokenException', 'The security token included in the request is expired'), 'invalid-credentials'],
  [awsError('ThrottlingException', 'Rate exceeded', 3), 'throttled'],
  [awsError('RequestLimitExceeded', 'Request limit exceeded.', 3), 'throttled'],
  [networkError(), 'network'],
  [Object.assign(new Error('getaddrinfo ENOTFOUND ec2.eu-wst-1.amazonaws.com'), { code: 'ENOTFOUND' }), 'network'],
  [Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), 'network'],
  [new Error('AWS SDK error wrapper for Error: connect ECONNREFUSED 127.0.0.1:1'), 'network'],
  [Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'no-credentials'],
  [awsError('InternalError', 'An internal error has occurred'), 'aws-error'],
  ['a string', 'aws-error'],
])('%p -> %s, on one line', (error, kind) => {
  const failure = classifyAwsError(error, 'ec2:DescribeImages', 'eu-west-1');
  expect(failure.kind).toBe(kind);
  expect(failure.message).not.toContain('\n');
  expect(failure.message).toContain('ec2:DescribeImages');
});

test('a multi-line AWS message is cut to its first line', () => {
  const failure = classifyAwsError(awsError('InternalError', 'first\nsecond'), 'ssm:GetParameters', 'us-east-1');
  expect(failure.message).toBe('ssm:GetParameters in us-east-1 failed (InternalError: first)');
});
