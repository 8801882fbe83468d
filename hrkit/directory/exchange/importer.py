"""The one writer behind every import: records in, rows written a batch at a time.

Records are buffered per table and flushed in TABLE_ORDER, so a row is
written after the rows it refers to. Each flush resolves HSDS ids to database
keys with one query per referenced table, then creates the new rows with
bulk_create and updates the known ones with bulk_update. Memory holds one
batch, a cache of time zones by rounded coordinate and the set of touched
locations (until it grows past a bound, when the whole search index is
rebuilt instead).
"""

from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from django.db import DataError, IntegrityError, models, transaction

from hrkit.core.geo import Point, time_zone_at
from hrkit.directory.exchange.problems import ProblemLog
from hrkit.directory.exchange.tables import TABLE_ORDER, TABLES, Record, Table
from hrkit.directory.models import Location, Service, ServiceAtLocation, TaxonomyTerm
from hrkit.directory.search_index import refresh_search_index

BATCH_SIZE = 2000
# SQLite allows a limited number of parameters per statement.
LOOKUP_CHUNK = 900
# Past this many touched places a full rebuild of the search index is cheaper
# than remembering every id, and keeps memory flat for any file size.
MAX_TRACKED_IDS = 50_000


@lru_cache(maxsize=65_536)
def zone_near(latitude: float, longitude: float) -> str:
    """The IANA zone at a coordinate rounded to about a kilometre (the lookup is slow-ish)."""
    return time_zone_at(Point(latitude, longitude)) or ""


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def keys_by_hsds_id(model: type[models.Model], hsds_ids: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for chunk in _chunks(sorted(set(hsds_ids)), LOOKUP_CHUNK):
        found.update(model.objects.filter(hsds_id__in=chunk).values_list("hsds_id", "pk"))  # type: ignore[attr-defined]
    return found


class Importer:
    def __init__(self, problems: ProblemLog, batch_size: int = BATCH_SIZE):
        self.problems = problems
        self.batch_size = batch_size
        self.buffers: dict[str, dict[str, Record]] = {name: {} for name in TABLE_ORDER}
        self.buffered = 0
        self.written: Counter[str] = Counter()
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
        if location_ids:
            refresh_search_index(location_ids)

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
        existing = {
            obj.hsds_id: obj
            for chunk in _chunks([r.hsds_id for r, _ in resolved], LOOKUP_CHUNK)
            for obj in model.objects.filter(hsds_id__in=chunk)
        }
        new: list[tuple[Record, Any]] = []
        known: list[tuple[Record, Any]] = []
        fields: set[str] = set()
        for record, foreign in resolved:
            obj = existing.get(record.hsds_id)
            if obj is None:
                obj = model(hsds_id=record.hsds_id)
                new.append((record, obj))
            else:
                known.append((record, obj))
            for attr, value in {**record.values, **foreign}.items():
                setattr(obj, attr, value)
            fields.update(record.values, foreign)
            if isinstance(obj, Location) and not obj.time_zone and obj.latitude is not None:
                longitude = obj.longitude or 0.0
                obj.time_zone = zone_near(round(obj.latitude, 2), round(longitude, 2))
                fields.add("time_zone")
        saved = self._save(model, new, known, sorted(fields))
        self.written[table.name] += len(saved)
        self._after_save(table.name, saved)

    def _save(
        self,
        model: type[models.Model],
        new: list[tuple[Record, Any]],
        known: list[tuple[Record, Any]],
        fields: list[str],
    ) -> list[tuple[Record, Any]]:
        try:
            # A savepoint: a batch the database refuses is retried row by row
            # below, so one bad row is named instead of failing the import.
            with transaction.atomic():
                model.objects.bulk_create([obj for _, obj in new])  # type: ignore[attr-defined]
                if known and fields:
                    model.objects.bulk_update(  # type: ignore[attr-defined]
                        [obj for _, obj in known], fields, batch_size=500
                    )
            return new + known
        except (IntegrityError, DataError):
            pass
        saved = []
        for is_new, (record, obj) in [(True, pair) for pair in new] + [
            (False, pair) for pair in known
        ]:
            try:
                with transaction.atomic():
                    if is_new:
                        obj.pk = None
                        obj.save(force_insert=True)
                    elif fields:
                        obj.save(update_fields=fields)
                saved.append((record, obj))
            except (IntegrityError, DataError) as error:
                if is_new:
                    obj.pk = None
                self.problems.add(record.origin, "id", f"the database refused this row: {error}")
        return saved

    def _after_save(self, table: str, saved: list[tuple[Record, Any]]) -> None:
        if table == "location":
            self._touch(self.touched_locations, (obj.pk for _, obj in saved))
        elif table == "service_at_location":
            self._touch(self.touched_locations, (obj.location_id for _, obj in saved))
        elif table == "service":
            self._touch(self.touched_services, (obj.pk for _, obj in saved))
            replaced = [obj.pk for record, obj in saved if record.extra.get("replace_terms")]
            for chunk in _chunks(replaced, LOOKUP_CHUNK):
                Service.terms.through.objects.filter(service_id__in=chunk).delete()
        elif table == "language":
            objs = [obj for _, obj in saved]
            self._touch(self.touched_locations, (obj.location_id for obj in objs))
            self._touch(self.touched_services, (obj.service_id for obj in objs))

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
        through = Service.terms.through
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
            links.append(through(service_id=service_pk, taxonomyterm_id=term_pk))
        through.objects.bulk_create(links, ignore_conflicts=True)
        self.written["attribute"] += len(links)
        self._touch(self.touched_services, (link.service_id for link in links))
