"""Three people writing to the demo's SQLite file at once, through the settings' own database
configuration: run in a child process (``python -m tests.sqlite_support``) whose
``DATABASE_URL`` names a file, since the test suite's SQLite database lives in memory.

Each writer does what the demo's slow writes do: read inside a transaction, then write (a
producer import checks what exists then inserts rows, a Wagtail save reads the page then
updates it, a counter sale reads the stock then takes from it). With SQLite's default
deferred transactions the second of two such writers fails at once with "database is
locked": its read lock cannot become a write lock while another holds one, so SQLite does
not wait for the busy timeout.
"""

import json
import threading
import time

ROUNDS = 15


def _prepare(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS demo_stock (id INTEGER PRIMARY KEY, units INTEGER)")
        cursor.execute("CREATE TABLE IF NOT EXISTS demo_rows (id INTEGER PRIMARY KEY, writer TEXT)")
        cursor.execute("CREATE TABLE IF NOT EXISTS demo_page (id INTEGER PRIMARY KEY, title TEXT)")
        cursor.execute("INSERT OR REPLACE INTO demo_stock VALUES (1, 1000)")
        cursor.execute("INSERT OR REPLACE INTO demo_page VALUES (1, 'v0')")


def _import(cursor, writer: str) -> None:
    cursor.execute("SELECT COUNT(*) FROM demo_rows")
    cursor.fetchone()
    time.sleep(0.005)
    for _ in range(20):
        cursor.execute("INSERT INTO demo_rows (writer) VALUES (%s)", [writer])


def _page_save(cursor, writer: str) -> None:
    cursor.execute("SELECT title FROM demo_page WHERE id = 1")
    title = cursor.fetchone()[0]
    time.sleep(0.005)
    cursor.execute("UPDATE demo_page SET title = %s WHERE id = 1", [f"{title}+{writer}"])


def _sale(cursor, writer: str) -> None:
    cursor.execute("SELECT units FROM demo_stock WHERE id = 1")
    units = cursor.fetchone()[0]
    time.sleep(0.005)
    cursor.execute("UPDATE demo_stock SET units = %s WHERE id = 1", [units - 1])


def concurrent_writes() -> dict:
    from django.db import OperationalError, connection, connections, transaction

    _prepare(connection)
    errors: list[str] = []
    start = threading.Barrier(3)

    def writer(name, work):
        start.wait()
        try:
            for _ in range(ROUNDS):
                try:
                    with transaction.atomic(), connections["default"].cursor() as cursor:
                        work(cursor, name)
                except OperationalError as error:
                    errors.append(f"{name}: {error}")
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=writer, args=(name, work))
               for name, work in (("import", _import), ("page", _page_save), ("sale", _sale))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal = cursor.fetchone()[0]
        cursor.execute("SELECT units FROM demo_stock WHERE id = 1")
        units = cursor.fetchone()[0]
    return {"journal_mode": journal, "errors": errors, "units_left": units}


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(concurrent_writes()))
