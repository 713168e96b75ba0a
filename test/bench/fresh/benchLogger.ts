import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/**
 * The backend's root logger in the benchmark: warnings and errors printed with the plugin or service they come from,
 * the rest dropped. While the benchmark has the clusters refuse requests on purpose, the warnings that follow are
 * only counted.
 */
export class BenchLogger {
  private holding = false;
  private held = 0;

  /** Counts warnings and errors from now on instead of printing them. */
  hold(): void {
    this.holding = true;
  }

  /** Prints warnings and errors again; returns how many were counted since `hold`. */
  release(): number {
    const held = this.held;
    this.holding = false;
    this.held = 0;
    return held;
  }

  factory() {
    return createServiceFactory({
      service: coreServices.rootLogger,
      deps: {},
      factory: () => this.logger({}),
    });
  }

  private logger(meta: JsonObject): RootLoggerService {
    const source = Object.entries(meta)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    const print = (
      level: string,
      message: string,
      detail?: Error | JsonObject,
    ) => {
      if (this.holding) {
        this.held += 1;
        return;
      }
      const more =
        detail instanceof Error
          ? ` ${String(detail)}`
          : detail && Object.keys(detail).length > 0
          ? ` ${JSON.stringify(detail)}`
          : '';
      console.error(`${level} ${source} ${message}${more}`);
    };
    const logger: LoggerService = {
      error: (message, error) => print('error', message, error),
      warn: (message, error) => print('warn', message, error),
      info: () => {},
      debug: () => {},
      child: childMeta => this.logger({ ...meta, ...childMeta }),
    };
    return logger as RootLoggerService;
  }
}
