"""The Spark engine of `claims extract`: the same functions as the local engine (`claims.archive.rows`), run in
`mapPartitions`, so each executor's Python worker loads the models once and keeps them for every partition it
is given (PySpark reuses its workers). Works in local mode (`local[2]`) and on a cluster (`--master
spark://host:7077`, `yarn`, `k8s://…`): there the input must be on storage every executor reads (HDFS, S3, a
shared folder) and claims installed on every executor."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from claims.archive.articles import ARTICLE_SUFFIXES, input_kind, parse_article_line
from claims.archive.rows import ARTICLE_FIELDS, ATTRIBUTION_FIELDS, ERROR_FIELDS, QUOTATION_FIELDS


def spark_schema(fields):
    from pyspark.sql import types as T

    kinds = {"string": T.StringType(), "int64": T.LongType(), "list<string>": T.ArrayType(T.StringType()),
             "list<struct<speaker:string,share:double>>": T.ArrayType(T.StructType([
                 T.StructField("speaker", T.StringType()), T.StructField("share", T.DoubleType())]))}
    return T.StructType([T.StructField(name, kinds[kind]) for name, kind in fields])


def _extract_partition(articles):
    """Runs on the executors: ("a", row) per attribution and ("e", row) per article that failed."""
    os.environ.setdefault("CLAIMS_THREADS", "1")  # the executor's tasks share its cores
    from claims.archive.rows import extract_article

    for article in articles:
        rows, error = extract_article(article)
        for row in rows:
            yield "a", row
        if error:
            yield "e", error


def _read_file(root: str, name: str) -> dict:
    return {"id": name, "url": None, "date": None, "lang": None, "text": (Path(root) / name).read_bytes()}


def run_spark(source: Path, target: Path, master: str | None = None) -> dict:
    from pyspark.sql import SparkSession

    from claims.archive.rows import quotation_row

    master = master or "local[2]"
    builder = (SparkSession.builder.master(master).appName("claims extract").config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false").config("spark.python.worker.reuse", "true")
               .config("spark.executorEnv.CLAIMS_THREADS", "1"))
    if master.startswith("local"):
        # the workers run this Python, with claims and its models; on a cluster the executors' own is set there
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()
    try:
        sc = spark.sparkContext
        sc.setLogLevel("ERROR")
        kind = input_kind(source)
        if kind == "folder":
            root = str(source.resolve())
            names = sorted(str(p.relative_to(source)) for p in source.rglob("*")
                           if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES)
            articles = sc.parallelize(names, max(1, min(len(names), sc.defaultParallelism * 4))) \
                .map(lambda name: _read_file(root, name))
        elif kind == "parquet":
            articles = spark.read.parquet(str(source)).rdd.map(lambda r: {k: r[k] if k in r else None
                                                                          for k in ARTICLE_FIELDS})
        else:
            name = source.name
            articles = sc.textFile(str(source)).zipWithIndex().filter(lambda t: t[0].strip()) \
                .map(lambda t: parse_article_line(name, t[1] + 1, t[0]))
        results = articles.mapPartitions(_extract_partition).cache()
        attributions = results.filter(lambda t: t[0] == "a").map(lambda t: t[1])
        errors = results.filter(lambda t: t[0] == "e").map(lambda t: t[1])
        quotations = attributions.map(lambda r: (r["quote_id"], r)).groupByKey() \
            .map(lambda kv: quotation_row(list(kv[1])))
        counts = {}
        for table, rows, fields in (("attributions", attributions, ATTRIBUTION_FIELDS),
                                    ("quotations", quotations, QUOTATION_FIELDS), ("errors", errors, ERROR_FIELDS)):
            frame = spark.createDataFrame(rows.map(lambda r, f=fields: tuple(r.get(n) for n, _ in f)),
                                          spark_schema(fields))
            frame.write.mode("overwrite").parquet(str(target / table))
            counts[table] = spark.read.parquet(str(target / table)).count()
        return {"articles": articles.count(), "attributions": counts["attributions"],
                "quotations": counts["quotations"], "errors": counts["errors"]}
    finally:
        spark.stop()
