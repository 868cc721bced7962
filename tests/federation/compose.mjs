// Compose a Federation v2 supergraph from running subgraphs, as a schema registry would:
// read each subgraph's SDL from its `_service { sdl }` and compose them with The Guild's
// federation composition (the library Hive Gateway itself uses).
//
//   node compose.mjs NAME=URL [NAME=URL ...] > supergraph.graphql
//
// Exit 1 with the composition errors on stderr when the subgraphs do not compose.
import { composeServices } from "@theguild/federation-composition";
import { parse } from "graphql";

async function subgraphSdl(url) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query: "{ _service { sdl } }" }),
  });
  const body = await response.json();
  if (!response.ok || body.errors || !body.data?._service?.sdl) {
    throw new Error(`${url} gave no SDL (${response.status}): ${JSON.stringify(body)}`);
  }
  return body.data._service.sdl;
}

const services = [];
for (const argument of process.argv.slice(2)) {
  const [name, url] = argument.split(/=(.*)/s);
  services.push({ name, url, typeDefs: parse(await subgraphSdl(url)) });
}
if (services.length === 0) {
  console.error("usage: node compose.mjs NAME=URL [NAME=URL ...]");
  process.exit(2);
}
const result = composeServices(services);
if (result.errors) {
  for (const error of result.errors) console.error(error.message);
  process.exit(1);
}
process.stdout.write(result.supergraphSdl);
