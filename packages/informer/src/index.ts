// The public surface of @kube-cache/informer: an explicit list of named exports.
