// The Store contract on the embedded SQLite store: a fresh file in a temp folder per case, opened
// as a server opens it (writer thread started), and again for a second writer or a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/store/index.ts';
import { storeContract } from './store-contract.ts';

storeContract('sqlite', {
  async create() {
    const dir = mkdtempSync(join(tmpdir(), 'xht-contract-'));
    const dbPath = join(dir, 'contract.sqlite');
    return {
      open: () => openStore({ dbPath }, { serving: true }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
});
