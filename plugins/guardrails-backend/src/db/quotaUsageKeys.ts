/** Quota keys of the CPU a namespace reserves: Kubernetes treats the bare name as requests. */
export const CPU_KEYS = ['requests.cpu', 'cpu'];
/** Quota keys of the memory a namespace reserves. */
export const MEMORY_KEYS = ['requests.memory', 'memory'];
