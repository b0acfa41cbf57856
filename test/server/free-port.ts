// A free loopback port (the OS picks; reused across restarts of the same server). Its own module
// so the bench can take it without the fault harness's app clients.
import net from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => res(port));
    });
  });
}
