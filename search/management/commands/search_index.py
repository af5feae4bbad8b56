"""``search_index --rebuild``: rebuild every search document of the configured backend, and
the database's table beside an engine (the fallback while the engine is down).

Elasticsearch gets a new index, loaded in bulk, then the alias moves to it in one step;
the database backend rewrites its table in one transaction. Shoppers keep searching the
old documents meanwhile.
"""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.listing_cache import bump_catalogue_version_now
from catalogue.rules import today_in_vietnam
from search.backends import backends_to_write
from search.documents import count_sellable
from search.query import SearchUnavailable


class Command(BaseCommand):
    help = "Rebuild the search documents of all sellable products."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="Rebuild from the catalogue.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, rebuild: bool, no_progress: bool, **options):
        if not rebuild:
            raise CommandError("Nothing to do: pass --rebuild.")
        day = today_in_vietnam()
        total = count_sellable(day=day)
        for backend in backends_to_write():
            with tqdm(total=total, unit="sp", desc=f"search ({backend.name})",
                      disable=no_progress or options["verbosity"] == 0, file=self.stderr) as bar:
                try:
                    written = backend.rebuild(day=day, total=total, progress=bar.update)
                except SearchUnavailable as exc:
                    raise CommandError(f"search engine unavailable: {exc}") from exc
            bump_catalogue_version_now()  # listings cached from the old documents start afresh
            self.stdout.write(f"Indexed {written} sellable products ({backend.name}).")
