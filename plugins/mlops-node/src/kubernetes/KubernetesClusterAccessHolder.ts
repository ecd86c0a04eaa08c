import { ServiceUnavailableError } from '@backstage/errors';
import { MLOPS_CLUSTER_PROBLEM_PROPERTY } from '@backstage-mlops/plugin-mlops-common';
import type { MlopsKubernetesClusterAccess } from '../clusters/types';

/**
 * Where the Kubernetes plugin's cluster access arrives: `kubernetesModuleMlopsClusters`
 * hands it over while the Kubernetes backend plugin starts, and every reader of
 * clusters waits for it. When the backend has started without it (the Kubernetes
 * backend plugin is not installed, or has no `kubernetes` config) the waiters get a
 * `ServiceUnavailableError` saying what to install.
 *
 * @public
 */
export class KubernetesClusterAccessHolder {
  static create(): KubernetesClusterAccessHolder {
    return new KubernetesClusterAccessHolder();
  }

  readonly #access: Promise<MlopsKubernetesClusterAccess>;
  #resolve!: (access: MlopsKubernetesClusterAccess) => void;
  #reject!: (error: Error) => void;
  #settled = false;

  private constructor() {
    this.#access = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A waiter may come later; an early failure is not an unhandled rejection.
    this.#access.catch(() => undefined);
  }

  /** The Kubernetes plugin's access, once handed over. */
  get(): Promise<MlopsKubernetesClusterAccess> {
    return this.#access;
  }

  /** Hands the access over (the Kubernetes plugin module calls this once). */
  supply(access: MlopsKubernetesClusterAccess): void {
    if (this.#settled) return;
    this.#settled = true;
    this.#resolve(access);
  }

  /**
   * Called when the backend has started: without a handover by then, the Kubernetes
   * backend plugin is missing and every waiter is told so.
   */
  backendStarted(): void {
    if (this.#settled) return;
    this.#settled = true;
    const reason =
      'the Kubernetes backend plugin did not hand over its clusters: install @backstage/plugin-kubernetes-backend in the backend (backend.add(import("@backstage/plugin-kubernetes-backend"))) and configure kubernetes.clusterLocatorMethods; backstage-mlops reads the clusters the Kubernetes plugin locates';
    this.#reject(
      Object.assign(new ServiceUnavailableError(reason), {
        [MLOPS_CLUSTER_PROBLEM_PROPERTY]: {
          type: 'clusters-unavailable',
          reason,
        },
      }),
    );
  }
}
