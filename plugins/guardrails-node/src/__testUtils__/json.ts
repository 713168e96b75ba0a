/** A value that config data may hold, for typing test configuration. */
export type JsonLike =
  | string
  | number
  | boolean
  | null
  | JsonLike[]
  | { [key: string]: JsonLike };

/** A config object of test data. */
export type JsonRecord = { [key: string]: JsonLike };
