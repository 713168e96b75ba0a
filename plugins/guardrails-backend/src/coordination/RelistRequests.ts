import { Knex } from 'knex';

const TABLE = 'guardrail_relist_requests';

/**
 * Requests to list every watched cluster again ("Run audit now"), shared by the replicas through the database: the
 * replica that is asked records the request, and each replica relists its own clusters when it sees a newer one.
 */
export class RelistRequests {
  constructor(private readonly db: Knex) {}

  /** Records a request made at `at`; an older one never replaces a newer. */
  async request(at: Date): Promise<string> {
    const requestedAt = at.toISOString();
    await this.db(TABLE)
      .insert({ id: 1, requested_at: requestedAt })
      .onConflict('id')
      .merge()
      .where(`${TABLE}.requested_at`, '<', requestedAt);
    return requestedAt;
  }

  /** The latest request's time, if any was made. */
  async latest(): Promise<string | undefined> {
    const row = await this.db(TABLE).where({ id: 1 }).first('requested_at');
    return row?.requested_at;
  }
}
