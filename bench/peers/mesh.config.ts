/**
 * GraphQL Mesh composition of staffgraph's four simulated upstreams, for the benchmark peer
 * (issue 9). Each source is the simulator's own OpenAPI document (`/<upstream>/openapi.json`);
 * the joins staffgraph makes are declared the way Mesh documents them: `additionalTypeDefs`
 * with `@resolveTo`.
 *
 * Credentials (Mesh string interpolation, evaluated by Hive Gateway on every upstream call):
 * - Loket: the caller's own `Authorization` header is forwarded (`{context.headers.authorization}`).
 * - ICTerGezocht, Onderwijsloket: fixed demo credentials from the environment
 *   (`ICTERGEZOCHT_API_KEY`, `ONDERWIJSLOKET_TOKEN`), as Mesh's docs show for API keys.
 * - Informat: a client-credentials bearer token in `INFORMAT_TOKEN`. Neither Mesh's OpenAPI
 *   source nor Hive Gateway fetches OAuth client-credentials tokens; `bench/peers/mesh.py`
 *   fetches one from `/identity/connect/token` before starting the gateway.
 *
 * `SIMULATORS_URL` (e.g. http://127.0.0.1:9100) is read when composing: the endpoints are baked
 * into the supergraph.
 */
import { createPrefixTransform, defineConfig } from '@graphql-mesh/compose-cli';
import { GraphQLString } from 'graphql';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

// `format: date` as a plain String: Mesh's Date scalar puts a JS Date into query parameters, which
// reach the upstream as `2026-11-24T00:00:00.000Z` (Loket refuses that for `referenceDate`,
// `startDate`); the documented `getScalarForFormat` hook keeps the upstream's own spelling.
const getScalarForFormat = (format: string) => (format === 'date' ? GraphQLString : undefined);

const sim = (process.env.SIMULATORS_URL ?? 'http://127.0.0.1:9100').replace(/\/$/, '');

// One Loket list call per parent: Loket has no endpoint that takes a list of ids (its lists
// narrow by a `filter` expression string), so `keysArg` batching has nothing to bind to.
const loketPerParent = (field: string, arg: string) =>
  `@resolveTo(sourceName: "Loket", sourceTypeName: "Query", sourceFieldName: "${field}", ` +
  `requiredSelectionSet: "{ id }", sourceArgs: { ${arg}: "{root.id}", pageSize: 1000 }, result: "_embedded")`;

// The training locations in the vacancy's town, each with its programmes: Directus has no town
// field and Mesh no geometry, so the town's name is searched in the locations' text fields
// (Directus `search`: address and title), one call per vacancy. A Directus `filter` is JSON,
// and Mesh's string interpolation reads every `{...}` as a placeholder, so a filter with the
// town in it cannot be written in `sourceArgs`.
const PROGRAM_FIELDS = ['title', 'type', 'level'].map((f) => `programs.programs_id.${f}`).join(',');
const locationsInTown =
  '@resolveTo(sourceName: "Onderwijsloket", sourceTypeName: "Query", sourceFieldName: "getLocations", ' +
  `requiredSelectionSet: "{ city }", sourceArgs: { search: "{root.city}", limit: "{args.first}", ` +
  `fields: "id,title,location_address,${PROGRAM_FIELDS},programs.programs_id.educational_institutions.educational_institutions_id.title" }, result: "data")`;

export const composeConfig = defineConfig({
  subgraphs: [
    {
      sourceHandler: loadOpenAPISubgraph('Loket', {
        source: `${sim}/loket/openapi.json`,
        endpoint: `${sim}/loket/v2`,
        ignoreErrorResponses: true,
        getScalarForFormat, // success type as the field's type; upstream errors become GraphQL errors
        operationHeaders: { Authorization: '{context.headers.authorization}' },
      }),
    },
    {
      sourceHandler: loadOpenAPISubgraph('Informat', {
        source: `${sim}/informat/openapi.json`,
        endpoint: `${sim}/informat`,
        operationHeaders: { Authorization: 'Bearer {env.INFORMAT_TOKEN}' },
        ignoreErrorResponses: true,
        getScalarForFormat,
      }),
      // Informat's `getEmployees`/`Employee` would collide with Loket's: prefix, as Mesh's docs advise
      transforms: [createPrefixTransform({ value: 'Informat_', includeRootOperations: true })],
    },
    {
      sourceHandler: loadOpenAPISubgraph('ICTerGezocht', {
        source: `${sim}/ictergezocht/openapi.json`,
        endpoint: `${sim}/ictergezocht`,
        operationHeaders: { Authorization: 'Bearer {env.ICTERGEZOCHT_API_KEY}' },
        ignoreErrorResponses: true,
        getScalarForFormat,
      }),
      transforms: [createPrefixTransform({ value: 'ICTerGezocht_' })], // its Error/Errors types
    },
    {
      sourceHandler: loadOpenAPISubgraph('Onderwijsloket', {
        source: `${sim}/onderwijsloket/openapi.json`,
        endpoint: `${sim}/onderwijsloket`,
        operationHeaders: { Authorization: 'Bearer {env.ONDERWIJSLOKET_TOKEN}' },
        ignoreErrorResponses: true,
        getScalarForFormat,
      }),
      transforms: [createPrefixTransform({ value: 'Onderwijsloket_' })],
    },
  ],
  additionalTypeDefs: /* GraphQL */ `
    extend type Employee {
      employments: [Employment] ${loketPerParent('getEmployeeEmployments', 'employeeId')}
      absences: [Absence] ${loketPerParent('getEmployeeAbsences', 'employeeId')}
    }
    extend type Employment {
      organizationalEntities: [OrganizationalEntity] ${loketPerParent('getEmploymentOrganizationalEntities', 'employmentId')}
      leave: [Leave] ${loketPerParent('getEmploymentLeave', 'employmentId')}
    }
    extend type query_getEmployerLeaveBalances__embedded_items_employee {
      details: EmployeeItem @resolveTo(sourceName: "Loket", sourceTypeName: "Query", sourceFieldName: "getEmployee",
        requiredSelectionSet: "{ id }", sourceArgs: { employeeId: "{root.id}" })
      employments: [Employment] ${loketPerParent('getEmployeeEmployments', 'employeeId')}
      absences: [Absence] ${loketPerParent('getEmployeeAbsences', 'employeeId')}
    }
    extend type ICTerGezocht_VacancyInsight {
      trainingLocations(first: Int = 5): [Onderwijsloket_Location] ${locationsInTown}
    }
  `,
});
