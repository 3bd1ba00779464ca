/* global process */
// The AWS SDK warns once per process that its releases from 2027 on need Node 22; the tests run
// on Node 20 on purpose (the project's floor), so the warning is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
