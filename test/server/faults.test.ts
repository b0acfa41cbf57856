// The fault tests (faults-suite.ts) with the real server process on the embedded SQLite file.
import { faultsSuite } from './faults-suite.ts';

faultsSuite('sqlite');
