"""Readers (layer 3): inputs (text files, folders, CSV/TSV, JSONL, JSON, Parquet, a DataFrame)
to records and rejections. No cleaning and no cache here: the article table is built by
:mod:`analysis.pipeline.articles`. Imports only the standard library, pandas and pyarrow."""
from analysis.io.dates import DATE_DTYPE, parse_dates
from analysis.io.decode import article_id, decode_bytes, join_surrogates
from analysis.io.errors import ArticleLoadError, Rejections
from analysis.io.files import (
    TABLE_SUFFIXES,
    TEXT_FILE_SUFFIXES,
    folder_inputs,
    is_table_file,
    list_article_files,
    not_article_reason,
    not_regular_reason,
    read_article_file,
    scan_folder,
    text_file_records,
)
from analysis.io.partitions import (
    BLOCKSIZE,
    FILES_PER_PARTITION,
    Deferred,
    InputPartition,
    Records,
    check_partition_settings,
    input_partitions,
    replace_deferred,
)
from analysis.io.tables import (
    METADATA_COLUMNS,
    TEXT_COLUMNS,
    dataframe_records,
    read_table,
    records_from_table,
    table_columns,
)

__all__ = ["ArticleLoadError", "BLOCKSIZE", "DATE_DTYPE", "Deferred", "FILES_PER_PARTITION",
           "InputPartition", "METADATA_COLUMNS", "Records", "Rejections", "TABLE_SUFFIXES",
           "TEXT_COLUMNS", "TEXT_FILE_SUFFIXES", "article_id", "check_partition_settings",
           "dataframe_records", "decode_bytes", "folder_inputs", "input_partitions",
           "is_table_file", "list_article_files", "not_article_reason", "not_regular_reason",
           "parse_dates", "read_article_file", "read_table", "records_from_table",
           "replace_deferred", "join_surrogates", "scan_folder", "table_columns",
           "text_file_records"]
