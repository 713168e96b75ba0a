import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';

/** Backstage's notification service as the notifications backend sees it: what was sent, and sends that fail. */
export class CapturingNotifications implements NotificationService {
  readonly sent: NotificationSendOptions[] = [];
  /** Sends that fail from now on, counted down. */
  failures = 0;

  async send(options: NotificationSendOptions): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error(
        'Failed to send notifications: Request failed with status 503',
      );
    }
    this.sent.push(options);
  }

  /** Titles of what was sent, in order. */
  titles(): string[] {
    return this.sent.map(s => s.payload.title);
  }

  /** Forgets what was sent so far. */
  clear(): void {
    this.sent.length = 0;
  }

  factory() {
    return createServiceFactory({
      service: notificationService,
      deps: {},
      factory: () => this,
    });
  }
}
