// DuckDB's side of the data-pipeline benchmark (bench/pipeline_bench.sh,
// docs/benchmarks.md). Two steps, each meant to run in its own process so that
// /usr/bin/time reports each one's peak memory:
//   node duckdb_bench.mjs load DB CSV           the CSV into table points of DB
//   node duckdb_bench.mjs aggregate DB FROM TO  the percentiles per company x role
//                                               x region of the points FROM..TO
// Both run with threads=2 and print "seconds rows" of the timed statement.
import { DuckDBInstance } from '@duckdb/node-api';

const [step, db, ...rest] = process.argv.slice(2);
const threads = process.env.DUCKDB_THREADS ?? '2';

async function connect() {
  const instance = await DuckDBInstance.create(db, { threads });
  return { instance, connection: await instance.connect() };
}

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function load(csv) {
  const { connection } = await connect();
  await connection.run('DROP TABLE IF EXISTS points');
  const start = process.hrtime.bigint();
  // The same column types as the PostgreSQL table: a date, text, whole amounts.
  const csvPath = csv.replaceAll("'", "''");
  await connection.run(`CREATE TABLE points AS SELECT * FROM read_csv('${csvPath}', header = true,
    columns = {'date': 'DATE', 'company': 'VARCHAR', 'role': 'VARCHAR', 'level': 'VARCHAR',
               'region': 'VARCHAR', 'currency': 'VARCHAR', 'base': 'BIGINT',
               'stock_per_year': 'BIGINT', 'bonus': 'BIGINT', 'source': 'VARCHAR'})`);
  await connection.run('CHECKPOINT');
  const elapsed = seconds(start);
  const count = await connection.runAndReadAll('SELECT count(*) FROM points');
  console.log(`${elapsed.toFixed(3)} ${count.getRows()[0][0]}`);
}

async function aggregate(from, to) {
  const { connection } = await connect();
  const q = '[0.1, 0.25, 0.5, 0.75, 0.9]';
  const start = process.hrtime.bigint();
  // Every group's row is read back into JavaScript, as psql reads PostgreSQL's.
  const reader = await connection.runAndReadAll(`
    SELECT company, role, region, count(*) AS n,
           quantile_cont(base, ${q}) AS base,
           quantile_cont(stock_per_year, ${q}) AS stock,
           quantile_cont(base + stock_per_year + bonus, ${q}) AS total
    FROM points
    WHERE date BETWEEN DATE '${from}' AND DATE '${to}'
    GROUP BY 1, 2, 3`);
  const rows = reader.currentRowCount;
  const elapsed = seconds(start);
  console.log(`${elapsed.toFixed(3)} ${rows}`);
}

if (step === 'load' && rest.length === 1) {
  await load(rest[0]);
} else if (step === 'aggregate' && rest.length === 2) {
  await aggregate(rest[0], rest[1]);
} else {
  console.error('usage: node duckdb_bench.mjs load DB CSV | aggregate DB FROM TO');
  process.exit(2);
}
