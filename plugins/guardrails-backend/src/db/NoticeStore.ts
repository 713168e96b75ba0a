/** What a notice is about. */
export type NoticeKind =
  | 'upcoming-stage'
  | 'exemption-expiry'
  | 'block-violation'
  | 'stage-effective'
  | 'quota-headroom'
  | 'cost-budget';

/** One unique key of a notice, with what its record keeps about it. */
export interface NoticeRecord {
  /** What makes the notice unique (kind, entity, guardrail, environment, horizon, date…). */
  key: string;
  kind: NoticeKind;
  entityRef?: string;
  guardrail?: string;
  environment?: string;
  /** After this instant the key is never due again, so its record may go; absent while a violation lasts. */
  dueUntil?: Date;
}

/** A record as stored. */
export interface StoredNotice {
  key: string;
  kind: NoticeKind;
  state: 'claimed' | 'sent' | 'failed';
  claimedAt: string;
  sentAt?: string;
  dueUntil?: string;
  attempts: number;
}

/** The notices claimed and sent so far: shared by every backend replica, so each notice is sent once. */
export interface NoticeStore {
  /** Every record. */
  notices(): Promise<StoredNotice[]>;
  /**
   * Claims records for one run and returns the keys it got: keys never claimed, failed ones, and claims left unsent
   * since `retryBefore` (their sender stopped). Of two runs claiming a key at once, one gets it.
   */
  claim(
    records: NoticeRecord[],
    options: { now: Date; retryBefore: Date; claimId: string },
  ): Promise<Set<string>>;
  /** Marks keys the run claimed as sent. */
  markSent(keys: string[], claimId: string, at: Date): Promise<void>;
  /** Marks keys the run claimed as failed, for the next run to retry. */
  markFailed(keys: string[], claimId: string, error: string): Promise<void>;
  /** Forgets records: their notices are never due again, or are due anew. */
  forget(keys: string[]): Promise<void>;
}
