/** What a partition holds right now: [start, end), where end is the offset the next record will get. */
export interface LogBounds {
  start: number;
  end: number;
}

export function inBounds(offset: number, bounds: LogBounds): boolean {
  return offset >= bounds.start && offset <= bounds.end;
}

/** A consumer group's committed position for one partition, with the metadata string stored beside it. */
export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}
