# Runs one Python model for mds: loads the model file, calls its model(dbt, session) with a dbt
# object whose ref() and source() read the Parquet files mds exported for the model's parents,
# and writes what it returns to the Parquet file mds then loads as the model's table.
# Arguments: the model file, then a JSON file with "refs", "sources", "output", "this",
# "is_incremental" and "config".
import importlib.util
import json
import sys

import duckdb

# Importing the model must not leave __pycache__ folders among the user's models.
sys.dont_write_bytecode = True
model_file, spec_file = sys.argv[1], sys.argv[2]
with open(spec_file, encoding="utf-8") as handle:
    spec = json.load(handle)
session = duckdb.connect()


class ModelConfig:
    """dbt.config(...) sets nothing at run time (mds read it before); dbt.config.get reads it."""

    def __call__(self, *args, **kwargs):
        return None

    def get(self, key, default=None):
        return spec["config"].get(key, default)


class Dbt:
    def __init__(self):
        self.config = ModelConfig()
        self.this = spec["this"]
        self.is_incremental = spec["is_incremental"]

    def ref(self, *names, **kwargs):
        return session.read_parquet(spec["refs"][names[-1]])

    def source(self, source_name, table_name):
        return session.read_parquet(spec["sources"][source_name + "." + table_name])


loader = importlib.util.spec_from_file_location("mds_python_model", model_file)
module = importlib.util.module_from_spec(loader)
loader.loader.exec_module(module)
if not hasattr(module, "model"):
    sys.exit("mds: the file defines no model(dbt, session) function")
result = module.model(Dbt(), session)
if result is None:
    sys.exit("mds: model(dbt, session) returned None; return a DataFrame or a DuckDB relation")
if not isinstance(result, duckdb.DuckDBPyRelation):
    session.register("mds_model_result", result)
    result = session.sql("select * from mds_model_result")
result.write_parquet(spec["output"])
