// The Store contract on PostgreSQL: a fresh database per case in the throwaway cluster of
// test/pg.sh, opened as a server opens it, and again for a second writer or a restart.
import { openStore } from '../../server/store/index.ts';
import { freshDatabase } from './pg-helpers.ts';
import { storeContract } from './store-contract.ts';

storeContract('postgres', {
  async create() {
    const db = await freshDatabase();
    return {
      open: () => openStore({ databaseUrl: db.url, dbPath: '' }, { serving: true }),
      cleanup: db.drop,
    };
  },
});
