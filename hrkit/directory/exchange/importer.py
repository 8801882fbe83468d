"""The one writer behind every import: records in, rows written a batch at a time.

Records are buffered per table and flushed in TABLE_ORDER, so a row is
written after the rows it refers to. Each flush resolves HSDS ids to database
keys with one query per referenced table, then inserts the new rows with one
executemany and updates the known ones with bulk_update, each in a savepoint
so a batch the database refuses is retried row by row. Memory holds one
batch, a cache of time zones by rounded coordinate and the set of touched
locations (until it grows past a bound, when the whole search index is
rebuilt instead).
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from django.db import DataError, IntegrityError, connection, models, transaction

from hrkit.core.geo import Point, time_zone_at
from hrkit.directory.exchange.problems import ProblemLog
from hrkit.directory.exchange.tables import TABLE_ORDER, TABLES, Record, Table
from hrkit.directory.models import Location, Service, ServiceAtLocation, TaxonomyTerm
from hrkit.directory.search_index import refresh_remote_cards, refresh_search_index

BATCH_SIZE = 5000
# SQLite allows a limited number of parameters per statement.
LOOKUP_CHUNK = 900
# Past this many touched places a full rebuild of the search index is cheaper
# than remembering every id, and keeps memory flat for any file size.
MAX_TRACKED_IDS = 20_000
# The index is refreshed this many places at a time, keeping its IN lists short.
REFRESH_CHUNK = 5000
# Values the database driver cannot take as Python gives them.
CONVERTED_FIELDS = (models.DateField, models.TimeField, models.DecimalField, models.JSONField)


@lru_cache(maxsize=65_536)
def zone_near(latitude: float, longitude: float) -> str:
    """The IANA zone at a coordinate rounded to about a kilometre, cached (places repeat)."""
    return time_zone_at(Point(latitude, longitude)) or ""


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def keys_by_hsds_id(model: type[models.Model], hsds_ids: Iterable[str]) -> dict[str, int]:
    """Database keys of the rows with these HSDS ids (those that exist)."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    found: dict[str, int] = {}
    # Plain SQL: building an ORM IN lookup preps every id and cost more than
    # the query itself on large imports.
    with connection.cursor() as cursor:
        for chunk in _chunks(sorted(set(hsds_ids)), LOOKUP_CHUNK):
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT {quote('hsds_id')}, {quote('id')} FROM {table} "
                f"WHERE {quote('hsds_id')} IN ({marks})",
                chunk,
            )
            found.update(cursor.fetchall())
    return found


def _saved_rows(pairs: list[tuple[Record, Any]]) -> list[tuple[Record, dict[str, Any]]]:
    """Rows already in the database, as _after_save reads them."""
    return [
        (
            record,
            {
                "pk": obj.pk,
                "location_id": getattr(obj, "location_id", None),
                "service_id": getattr(obj, "service_id", None),
            },
        )
        for record, obj in pairs
    ]


def _insert_links(links: list[tuple[int, int]]) -> None:
    """Service-term links; a link that is already there is left as it is.

    ON CONFLICT DO NOTHING is the same in SQLite and PostgreSQL, and skips the
    ORM's per-value compilation as _insert does.
    """
    if not links:
        return
    through = Service.terms.through
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}, {}) VALUES (%s, %s) ON CONFLICT DO NOTHING".format(
        quote(through._meta.db_table), quote("service_id"), quote("taxonomyterm_id")
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, links)


class Importer:
    def __init__(
        self, problems: ProblemLog, batch_size: int = BATCH_SIZE, defer_unknown: bool = False
    ):
        self.problems = problems
        # JSON nests each row once, so a row may name (by *_id) an object that
        # comes later in the file; such rows wait for one more pass at the end.
        self.defer_unknown = defer_unknown
        self.waiting: list[Record] = []
        self.batch_size = batch_size
        self.buffers: dict[str, dict[str, Record]] = {name: {} for name in TABLE_ORDER}
        self.buffered = 0
        self.written: Counter[str] = Counter()
        self._written_ids: dict[str, set[str]] = {}
        # File term id -> code: a taxonomy is a vocabulary, small whatever the file size.
        self.term_codes: dict[str, str] = {}
        self.touched_locations: set[int] = set()
        self.touched_services: set[int] = set()
        self.refresh_everything = False

    def add(self, record: Record) -> None:
        buffer = self.buffers[record.table]
        if record.hsds_id not in buffer:
            self.buffered += 1
        # The same object nested under several services (an organization, a
        # location) arrives more than once; the last copy wins.
        buffer[record.hsds_id] = record
        if self.buffered >= self.batch_size:
            self.flush()

    def flush(self) -> None:
        for name in TABLE_ORDER:
            records = list(self.buffers[name].values())
            self.buffers[name].clear()
            if not records:
                continue
            if name == "taxonomy_term":
                self._write_terms(records)
            elif name == "attribute":
                self._write_attributes(records)
            else:
                self._write(TABLES[name], records)
        self.buffered = 0

    def finish(self) -> None:
        """Write what is buffered and bring the search index up to date (inside the transaction)."""
        self.flush()
        self.defer_unknown = False
        waiting, self.waiting = self.waiting, []
        for record in waiting:
            self.add(record)
        self.flush()
        if self.refresh_everything:
            refresh_search_index(None)
            return
        location_ids = set(self.touched_locations)
        for chunk in _chunks(sorted(self.touched_services), LOOKUP_CHUNK):
            location_ids.update(
                ServiceAtLocation.objects.filter(service_id__in=chunk).values_list(
                    "location_id", flat=True
                )
            )
        for chunk in _chunks(sorted(location_ids), REFRESH_CHUNK):
            refresh_search_index(chunk, remote=False)
        refresh_remote_cards()

    # --- tracking what the search index must see again -------------------

    def _touch(self, ids: set[int], new: Iterable[int | None]) -> None:
        if self.refresh_everything:
            return
        ids.update(pk for pk in new if pk is not None)
        if len(ids) > MAX_TRACKED_IDS:
            self.refresh_everything = True
            self.touched_locations.clear()
            self.touched_services.clear()

    # --- plain tables ----------------------------------------------------

    def _resolve(self, table: Table, records: list[Record]) -> list[tuple[Record, dict[str, Any]]]:
        """Records with their references as database keys; a reference to nothing is a problem."""
        keys: dict[str, dict[str, int]] = {}
        for reference in table.references:
            wanted = {r.refs[reference.attr] for r in records if r.refs.get(reference.attr)}
            keys[reference.attr] = keys_by_hsds_id(
                TABLES[reference.table].model,
                wanted,  # type: ignore[arg-type]
            )
        resolved = []
        for record in records:
            foreign: dict[str, Any] = {}
            ok = True
            for reference in table.references:
                if reference.attr not in record.refs:
                    continue
                target = record.refs[reference.attr]
                if target is None:
                    foreign[reference.attr] = None
                elif target in keys[reference.attr]:
                    foreign[reference.attr] = keys[reference.attr][target]
                elif self.defer_unknown:
                    self.waiting.append(record)
                    ok = False
                    break
                else:
                    self.problems.add(
                        record.origin,
                        reference.hsds,
                        f"no {reference.table} with id {target!r} in the file or the database",
                    )
                    ok = False
            if ok:
                resolved.append((record, foreign))
        return resolved

    def _write(self, table: Table, records: list[Record]) -> None:
        resolved = self._resolve(table, records)
        model: Any = table.model
        known_keys = keys_by_hsds_id(model, [record.hsds_id for record, _ in resolved])
        existing = {
            obj.hsds_id: obj
            for chunk in _chunks(sorted(known_keys.values()), LOOKUP_CHUNK)
            for obj in model.objects.filter(pk__in=chunk)
        }
        new: list[tuple[Record, dict[str, Any]]] = []
        known: list[tuple[Record, Any]] = []
        unchanged: list[tuple[Record, Any]] = []
        fields: set[str] = set()
        for record, foreign in resolved:
            values = {**record.values, **foreign}
            obj = existing.get(record.hsds_id)
            if model is Location:
                self._fill_time_zone(values, obj)
            if obj is None:
                new.append((record, values))
                continue
            # Only what differs is written: a file imported again changes
            # nothing, and updating every row was most of a re-import's time.
            changed = {attr: value for attr, value in values.items() if getattr(obj, attr) != value}
            if not changed:
                unchanged.append((record, obj))
                continue
            for attr, value in changed.items():
                setattr(obj, attr, value)
            fields.update(changed)
            known.append((record, obj))
        saved = (
            self._insert(model, new)
            + self._update(model, known, sorted(fields))
            + _saved_rows(unchanged)
        )
        self._count_written(table.name, (record.hsds_id for record, _ in saved))
        self._after_save(table.name, saved)

    def _count_written(self, table: str, hsds_ids: Iterable[str]) -> None:
        # An organization or location nested under several services arrives
        # once with each; the summary counts rows, not arrivals.
        seen = self._written_ids.setdefault(table, set())
        for hsds_id in hsds_ids:
            if hsds_id not in seen:
                seen.add(hsds_id)
                self.written[table] += 1

    @staticmethod
    def _fill_time_zone(values: dict[str, Any], current: Location | None) -> None:
        zone = values.get("time_zone", current.time_zone if current else "")
        latitude = values.get("latitude", current.latitude if current else None)
        longitude = values.get("longitude", current.longitude if current else None)
        if not zone and latitude is not None and longitude is not None:
            values["time_zone"] = zone_near(round(latitude, 2), round(longitude, 2))

    def _insert(
        self, model: Any, rows: list[tuple[Record, dict[str, Any]]]
    ) -> list[tuple[Record, dict[str, Any]]]:
        """New rows by one executemany per batch.

        bulk_create compiles every value of every row through the ORM, which
        was most of an import's time; rows here are already checked, so they
        go to the driver as they are (dates, times, decimals and JSON through
        the field's own conversion).
        """
        if not rows:
            return []
        columns = [f for f in model._meta.concrete_fields if not f.primary_key]
        convert = {f.attname for f in columns if isinstance(f, CONVERTED_FIELDS)}
        quote = connection.ops.quote_name
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(model._meta.db_table),
            ", ".join(quote(f.column) for f in columns),
            ", ".join(["%s"] * len(columns)),
        )
        params = []
        for record, values in rows:
            row = []
            for column in columns:
                if column.attname == "hsds_id":
                    value: Any = record.hsds_id
                elif column.attname in values:
                    value = values[column.attname]
                else:
                    value = column.get_default()
                if value is not None and column.attname in convert:
                    value = column.get_db_prep_save(value, connection)
                row.append(value)
            params.append(row)
        try:
            # A savepoint: a batch the database refuses is retried row by row,
            # so the one bad row is named instead of failing the import.
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, params)
        except (IntegrityError, DataError):
            return self._insert_one_by_one(model, rows)
        keys = {}
        if model in (Location, Service):
            keys = keys_by_hsds_id(model, [record.hsds_id for record, _ in rows])
        return [(record, {**values, "pk": keys.get(record.hsds_id)}) for record, values in rows]

    def _insert_one_by_one(
        self, model: Any, rows: list[tuple[Record, dict[str, Any]]]
    ) -> list[tuple[Record, dict[str, Any]]]:
        saved = []
        for record, values in rows:
            obj = model(hsds_id=record.hsds_id, **values)
            try:
                with transaction.atomic():
                    obj.save(force_insert=True)
            except (IntegrityError, DataError) as error:
                self.problems.add(record.origin, "id", f"the database refused this row: {error}")
                continue
            saved.append((record, {**values, "pk": obj.pk}))
        return saved

    def _update(
        self, model: Any, known: list[tuple[Record, Any]], fields: list[str]
    ) -> list[tuple[Record, dict[str, Any]]]:
        if not known:
            return []
        try:
            with transaction.atomic():
                if fields:
                    model.objects.bulk_update([obj for _, obj in known], fields, batch_size=500)
            updated = known
        except (IntegrityError, DataError):
            updated = []
            for record, obj in known:
                try:
                    with transaction.atomic():
                        obj.save(update_fields=fields)
                except (IntegrityError, DataError) as error:
                    self.problems.add(
                        record.origin, "id", f"the database refused this row: {error}"
                    )
                    continue
                updated.append((record, obj))
        return _saved_rows(updated)

    def _after_save(self, table: str, saved: list[tuple[Record, dict[str, Any]]]) -> None:
        if table == "location":
            self._touch(self.touched_locations, (row["pk"] for _, row in saved))
        elif table == "service_at_location":
            self._touch(self.touched_locations, (row.get("location_id") for _, row in saved))
        elif table == "service":
            self._touch(self.touched_services, (row["pk"] for _, row in saved))
            replaced = [row["pk"] for record, row in saved if record.extra.get("replace_terms")]
            for chunk in _chunks(replaced, LOOKUP_CHUNK):
                Service.terms.through.objects.filter(service_id__in=chunk).delete()
        elif table == "language":
            self._touch(self.touched_locations, (row.get("location_id") for _, row in saved))
            self._touch(self.touched_services, (row.get("service_id") for _, row in saved))

    # --- taxonomy terms: matched on code, the vocabulary every part shares ---

    def _write_terms(self, records: list[Record]) -> None:
        for record in records:
            self.term_codes[record.hsds_id] = record.extra["code"]
        by_id = {
            t.hsds_id: t
            for t in TaxonomyTerm.objects.filter(hsds_id__in=[r.hsds_id for r in records])
        }
        by_code = {
            t.code: t
            for t in TaxonomyTerm.objects.filter(code__in=[r.extra["code"] for r in records])
        }
        pairs = []
        for record in records:
            term = by_id.get(record.hsds_id) or by_code.get(record.extra["code"])
            if term is None:
                term = TaxonomyTerm(hsds_id=record.hsds_id)
            for attr, value in record.values.items():
                setattr(term, attr, value)
            pairs.append((record, term))
        saved = []
        for record, term in pairs:
            try:
                with transaction.atomic():
                    term.save()
                saved.append((record, term))
            except (IntegrityError, DataError) as error:
                self.problems.add(record.origin, "code", f"the database refused this term: {error}")
        # Parents are set after every term of the batch exists, as a parent may
        # come later in the file than its children.
        for record, term in saved:
            if "parent_id" not in record.refs:
                continue
            parent_id = record.refs["parent_id"]
            parent = None
            if parent_id is not None:
                parent = self._term_for(parent_id, None)
                if parent is None and self.defer_unknown:
                    self.waiting.append(record)
                    continue
                if parent is None:
                    self.problems.add(
                        record.origin, "parent_id", f"no taxonomy term with id {parent_id!r}"
                    )
                    continue
            term.parent = parent
            term.save(update_fields=["parent"])
        self.written["taxonomy_term"] += len(saved)

    def _term_for(self, term_id: str | None, code: str | None) -> TaxonomyTerm | None:
        code = code or (self.term_codes.get(term_id) if term_id else None)
        if code:
            return TaxonomyTerm.objects.filter(code=code).first()
        return TaxonomyTerm.objects.filter(hsds_id=term_id).first()

    # --- attributes: the links between services and terms ------------------

    def _write_attributes(self, records: list[Record]) -> None:
        services = keys_by_hsds_id(Service, {r.extra["service"] for r in records})
        codes = {r.extra["code"] or self.term_codes.get(r.extra["term_id"]) for r in records}
        term_by_code = dict(
            TaxonomyTerm.objects.filter(code__in=[c for c in codes if c]).values_list("code", "pk")
        )
        term_by_id = keys_by_hsds_id(
            TaxonomyTerm, {r.extra["term_id"] for r in records if r.extra["term_id"]}
        )
        links = []
        for record in records:
            service_pk = services.get(record.extra["service"])
            if service_pk is None:
                self.problems.add(
                    record.origin,
                    "link_id",
                    f"no service with id {record.extra['service']!r} in the file or the database",
                )
                continue
            code = record.extra["code"] or self.term_codes.get(record.extra["term_id"])
            term_pk = term_by_code.get(code) if code else term_by_id.get(record.extra["term_id"])
            if term_pk is None:
                self.problems.add(
                    record.origin,
                    "taxonomy_term_id",
                    f"unknown taxonomy term {code or record.extra['term_id']!r}: it is neither "
                    "in the file's taxonomy terms nor in hrkit's",
                )
                continue
            links.append((service_pk, term_pk))
        _insert_links(links)
        self.written["attribute"] += len(links)
        self._touch(self.touched_services, (service_pk for service_pk, _ in links))
