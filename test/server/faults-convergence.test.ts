// The convergence tests (faults-convergence-suite.ts) with the real server process on the embedded SQLite file.
import { convergenceSuite } from './faults-convergence-suite.ts';

convergenceSuite('sqlite');
