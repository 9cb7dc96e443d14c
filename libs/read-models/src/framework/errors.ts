/** Queries before the projector has created a read model's first build. */
export class ReadModelNotReadyError extends Error {
  constructor(readonly readModel: string) {
    super(
      `The read model "${readModel}" has not been built yet; the projector builds it on start ("sakip project").`,
    );
    this.name = 'ReadModelNotReadyError';
  }
}
