// Serve a supergraph with the Hive Gateway runtime on loopback, as an operator runs Hive Gateway
// in front of staffgraph:
//
//   node router.mjs SUPERGRAPH_FILE PORT
//
// The caller's `Authorization` is passed on to every subgraph (staffgraph forwards it to Loket,
// which is pass-through). GraphQL at /graphql; /readiness answers 200 once the supergraph is
// loaded. SIGTERM or SIGINT stops it.
import { createServer } from "node:http";
import { createGatewayRuntime } from "@graphql-hive/gateway-runtime";

const [supergraph, port] = process.argv.slice(2);
if (!supergraph || !port) {
  console.error("usage: node router.mjs SUPERGRAPH_FILE PORT");
  process.exit(2);
}

const gateway = createGatewayRuntime({
  supergraph,
  logging: "warn",
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") }),
  },
});
const server = createServer(gateway);
server.listen(Number(port), "127.0.0.1", () => console.log(`router on http://127.0.0.1:${port}/graphql`));

async function stop() {
  server.close();
  await gateway.dispose();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
