"""The ground floor of loading: one YAML file's text → plain data with the position of every value.

`reader` reads, decodes and parses a file within its `Limits`; `events` builds the values straight from the
parser's events (anchors, aliases and their bounds, duplicate keys); `merge` expands merge keys (`<<`).
"""
