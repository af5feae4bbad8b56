"""A time budget for anonymous queries on PostgreSQL: each runs in a transaction with
``SET LOCAL statement_timeout``, so one slow statement cannot hold a web worker (SQLite has no
such setting and is the single-machine demo's database).

The transaction covers every configured PostgreSQL connection (a read replica serves
catalogue reads) and ends with the request. Mutations are not wrapped: placing an order
commits in its own short transactions, with e-mails on commit, and is bounded by its cost."""

from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import connections, transaction
from psycopg.pq import TransactionStatus

QUERY_CANCELED = "57014"  # PostgreSQL's SQLSTATE for a statement stopped by statement_timeout
IN_FAILED_TRANSACTION = "25P02"  # what the statements after it in the same transaction get


@contextmanager
def statement_timeout(milliseconds: int):
    aliases = [alias for alias in settings.DATABASES
               if milliseconds > 0 and connections[alias].vendor == "postgresql"]
    with ExitStack() as stack:
        for alias in aliases:
            stack.enter_context(transaction.atomic(using=alias))
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(milliseconds)])
        yield
        for alias in aliases:  # a stopped statement aborted the transaction: end it, quietly
            if connections[alias].connection.info.transaction_status == TransactionStatus.INERROR:
                transaction.set_rollback(True, using=alias)


def timed_out(error) -> bool:
    """Whether a resolver's error is the timeout, or a statement that came after it."""
    cause = getattr(getattr(error, "original_error", None), "__cause__", None)
    return getattr(cause, "sqlstate", None) in (QUERY_CANCELED, IN_FAILED_TRANSACTION)
