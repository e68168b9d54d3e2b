import { clientNodeContender } from './client-node-contender';
import type { WireContender } from './contender';
import { floorContender } from './floor-contender';
import { informerContender, reflectorContender } from './kube-cache-contender';

/** Every contender of the wire benchmark, by the id used on the command line. */
export const contenders = {
  floor: () => floorContender('https'),
  'floor-plain': () => floorContender('http'),
  'reflector-h2': () => reflectorContender('http2'),
  'reflector-http1': () => reflectorContender('http1'),
  'informer-h2': () => informerContender('http2'),
  'informer-http1': () => informerContender('http1'),
  'client-node': () => clientNodeContender(),
} satisfies Record<string, () => WireContender>;

/** A contender id. */
export type ContenderId = keyof typeof contenders;

/** Whether `id` names a contender. */
export function isContenderId(id: string): id is ContenderId {
  return Object.hasOwn(contenders, id);
}
