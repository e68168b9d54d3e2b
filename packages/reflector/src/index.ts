// The public surface of @kube-cache/reflector: an explicit list of named exports.
