"""Sends catalogue and search reads to the read replica (``DATABASE_REPLICA_URL``), and
everything else to the primary.

A replica lags the primary by the time it takes to replay the write-ahead log, usually
milliseconds: fine for browsing, wrong for deciding. So a read goes to the replica only when
it is a catalogue or search read (products, certificates, producers, regions, search
documents: what listings, search and product pages read) and

- no transaction is open on the primary: checkout, stock, placement and every write path run
  inside ``transaction.atomic()``, and what they read there comes from the primary, locked
  or not (stock records are the partner app's and never go to the replica anyway);
- this request (or task, or command) has not written yet: after its first write it reads its
  own writes from the primary until the next request starts.

Writes and migrations always go to the primary. A write made in one request may still be
missing from the replica in the next one for the length of the lag (docs/operations.md,
"Database").
"""

from contextvars import ContextVar

from django.core.signals import request_started
from django.db import DEFAULT_DB_ALIAS, connections

from config.databases import REPLICA

REPLICA_APPS = {"catalogue", "product_search"}
_wrote: ContextVar[bool] = ContextVar("ocop_wrote_to_primary", default=False)


def _new_request(**kwargs) -> None:
    _wrote.set(False)


request_started.connect(_new_request, dispatch_uid="ocop-db-router-new-request")


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if model._meta.app_label not in REPLICA_APPS:
            return DEFAULT_DB_ALIAS
        if _wrote.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return REPLICA

    def db_for_write(self, model, **hints):
        _wrote.set(True)
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # One database seen twice: a product read from the replica may go into a basket line.
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS
