import { Inject } from '@nestjs/common';

/** The Nest injection token of the application (opened before Nest starts; see openApplication). */
export const APPLICATION = Symbol('Application');

/** Injects the application: `constructor(@App() private readonly app: Application)`. */
export const App = () => Inject(APPLICATION);
