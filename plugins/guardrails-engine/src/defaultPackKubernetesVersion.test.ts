import { readDefaultPack } from './__testing__/defaultPack';
import { compilePack } from './index';

// The export writes admissionregistration.k8s.io/v1 policies, served from Kubernetes 1.30 on.
const OLDEST_ADMISSION_RELEASE = '1.30';

describe('the default pack', () => {
  it(`loads for Kubernetes ${OLDEST_ADMISSION_RELEASE}, the oldest release its exported policies run on`, () => {
    const { pack } = readDefaultPack(new Date('2026-11-22T00:00:00Z'));
    expect(() =>
      compilePack(pack, { kubernetesVersion: OLDEST_ADMISSION_RELEASE }),
    ).not.toThrow();
  });
});
