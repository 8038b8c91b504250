// Preloaded into the CLI under test (NODE_OPTIONS=--import): any TCP connection to a host other than
// loopback ends the process with exit 97 and a marker on stderr. It proves that no request (the
// instance metadata address, a login endpoint, a real Azure host) ever leaves the machine.
import net from "node:net";

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === "object" && first !== null ? first : { port: first, host: typeof args[1] === "string" ? args[1] : undefined };
  // A local socket has a path and no port (an https agent's options carry the request path too).
  const localSocket = options.port === undefined && typeof options.path === "string";
  if (!localSocket && !LOOPBACK.has(options.host ?? "localhost")) {
    process.stderr.write(`LOOPBACK-GUARD: blocked a connection to ${options.host}:${options.port}\n`);
    process.exit(97);
  }
  return connect.apply(this, args);
};
