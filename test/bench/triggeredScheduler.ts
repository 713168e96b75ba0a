import {
  coreServices,
  createServiceFactory,
  SchedulerService,
  SchedulerServiceTaskDescriptor,
  SchedulerServiceTaskInvocationDefinition,
  SchedulerServiceTaskRunner,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';

type Task = SchedulerServiceTaskScheduleDefinition &
  SchedulerServiceTaskInvocationDefinition;

/**
 * The backend's scheduler in a benchmark: a task runs only when triggered (as the plugin's `POST /audit` does), never
 * on its schedule, and the benchmark can wait until the run ends, so it times whole runs started through the plugin's
 * own API. Like the real scheduler, triggering a running task is a conflict.
 */
export class TriggeredScheduler implements SchedulerService {
  private readonly tasks = new Map<string, Task>();
  private readonly runs = new Map<string, Promise<void>>();

  /** Installs this scheduler in a backend. */
  factory() {
    return createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => this,
    });
  }

  async scheduleTask(task: Task): Promise<void> {
    this.tasks.set(task.id, task);
  }

  createScheduledTaskRunner(
    schedule: SchedulerServiceTaskScheduleDefinition,
  ): SchedulerServiceTaskRunner {
    return { run: task => this.scheduleTask({ ...task, ...schedule }) };
  }

  async getScheduledTasks(): Promise<SchedulerServiceTaskDescriptor[]> {
    return [...this.tasks.values()].map(task => ({
      id: task.id,
      scope: task.scope ?? 'global',
      settings: { version: 1 },
    }));
  }

  async triggerTask(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (!task) throw new NotFoundError(`Task ${id} is not scheduled`);
    if (this.runs.has(id)) throw new ConflictError(`Task ${id} is running`);
    const run = Promise.resolve()
      .then(() => task.fn(new AbortController().signal))
      .finally(() => this.runs.delete(id));
    // Its failure reaches whoever waits in `idle`; left alone it must not end the process.
    run.catch(() => {});
    this.runs.set(id, run);
  }

  async cancelTask(id: string): Promise<void> {
    throw new ConflictError(`Task ${id} cannot be cancelled in a benchmark`);
  }

  /** Resolves once every run triggered so far has ended; rejects with a run's error. */
  async idle(): Promise<void> {
    await Promise.all(this.runs.values());
  }
}
