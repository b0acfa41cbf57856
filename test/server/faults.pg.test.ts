// The fault tests (faults-suite.ts) with the real server process on PostgreSQL (a fresh database in test/pg.sh's cluster, fsync on).
import { faultsSuite } from './faults-suite.ts';

faultsSuite('postgres');
