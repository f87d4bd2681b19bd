"""The pipeline layer: loading articles with their cleaning results, the per-article stages
(a registry of functions), the annotation cache, and corpus runs on pandas or Dask."""
