"""公开年报看板: read 政府信息公开工作年度报告 into indicator facts, check them, load a DuckDB store."""

__version__ = "0.1.0"
