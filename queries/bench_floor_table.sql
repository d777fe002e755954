-- The load benchmark's floor page: a 1-million-row table in an in-memory DuckDB (scripts/bench_floor_app.py).
CREATE TABLE floor AS
SELECT i AS id, i % 12 AS category, (i * 7919) % 1000 AS amount
FROM range($rows) AS t(i);
