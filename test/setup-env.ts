// CDK's built-in CloudFormation validation costs seconds per app and checks nothing the guard
// depends on; tests synthesize many small apps, so it is off for them.
process.env.CDK_VALIDATION = 'false';
