// The public surface of @kube-cache/testing: an explicit list of named exports.
