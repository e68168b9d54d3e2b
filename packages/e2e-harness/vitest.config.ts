import { packageProject } from '../../vitest.shared';

export default packageProject('@kube-cache/e2e-harness');
