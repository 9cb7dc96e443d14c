/** Time and ids enter the application here (the domain has neither). Tests pass fixed ones. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
