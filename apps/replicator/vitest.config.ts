import { packageProject } from '../../vitest.shared';

export default packageProject('@kube-cache-example/replicator');
