import type { OperatorChannel } from '@sakip/application';
import { Inject } from '@nestjs/common';

/** The Nest injection token of the application (opened before Nest starts; see openApplication). */
export const APPLICATION = Symbol('Application');

/** The local operator channel of a running server, once it listens (see OperatorChannel). */
export const OPERATOR_HOLDER = Symbol('OperatorHolder');
export interface OperatorHolder {
  channel?: OperatorChannel;
}
export const Operator = () => Inject(OPERATOR_HOLDER);

/** Injects the application: `constructor(@App() private readonly app: Application)`. */
export const App = () => Inject(APPLICATION);
