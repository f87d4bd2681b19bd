"""The bottom layer: project paths, the rule-file reader, table schemas and progress bars.
Imports nothing else of the package."""
