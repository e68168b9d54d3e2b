/**
 * An owner reference, as far as kube-cache reads it.
 *
 * @since 0.1.0
 */
export interface OwnerReference {
  apiVersion?: string | undefined;
  kind?: string | undefined;
  name?: string | undefined;
  uid: string;
  controller?: boolean | undefined;
  blockOwnerDeletion?: boolean | undefined;
}

/**
 * The object metadata that kube-cache reads. A structural type: `@kubernetes/client-node`'s
 * `V1ObjectMeta` and plain JSON from the API server both fit it.
 *
 * @since 0.1.0
 */
export interface ObjectMeta {
  name?: string | undefined;
  namespace?: string | undefined;
  generateName?: string | undefined;
  uid?: string | undefined;
  resourceVersion?: string | undefined;
  generation?: number | undefined;
  labels?: Readonly<Record<string, string>> | undefined;
  annotations?: Readonly<Record<string, string>> | undefined;
  ownerReferences?: readonly OwnerReference[] | undefined;
  finalizers?: readonly string[] | undefined;
  managedFields?: readonly unknown[] | undefined;
}

/**
 * Any Kubernetes object: `apiVersion`, `kind` and `metadata`. The rest of the object is the
 * caller's own type; kube-cache is generic over it.
 *
 * @since 0.1.0
 */
export interface KubeObject {
  apiVersion?: string | undefined;
  kind?: string | undefined;
  metadata?: ObjectMeta | undefined;
}
