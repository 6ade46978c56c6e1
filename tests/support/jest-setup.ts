// Node 20 is this project's supported runtime; the AWS SDK's upgrade notice would bury the test report.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
