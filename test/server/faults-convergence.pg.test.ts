// The convergence tests (faults-convergence-suite.ts) with the real server process on PostgreSQL (a fresh database in test/pg.sh's cluster, fsync on).
import { convergenceSuite } from './faults-convergence-suite.ts';

convergenceSuite('postgres');
