"""Open Referral HSDS 3 import and export for the directory.

Three ways in (HSDS 3 JSON, the HSDS tabular datapackage, a plain CSV with a
column mapping) and two ways out (JSON, datapackage). Every way in turns its
rows into the same records (tables.py) and hands them to one batching writer
(importer.py); `services.py` holds the two functions the CLI calls.
docs/hsds.md describes the formats for people who keep the data.
"""
