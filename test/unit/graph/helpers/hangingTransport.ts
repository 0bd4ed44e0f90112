import axios, { CanceledError, type AxiosInstance, type InternalAxiosRequestConfig } from 'axios';

/**
 * An axios instance whose adapter never answers and fails the way axios does when its signal aborts,
 * for tests of attempt timeouts and the deadline. Each attempt's `Date.now()` is pushed to `calls`.
 */
export function hangingTransport(calls: number[]): AxiosInstance {
  return axios.create({
    adapter: (config: InternalAxiosRequestConfig) => {
      calls.push(Date.now());
      return new Promise((_resolve, reject) => {
        const signal = config.signal as AbortSignal;
        signal.addEventListener('abort', () => reject(new CanceledError(undefined, undefined, config)), { once: true });
      });
    },
  });
}
