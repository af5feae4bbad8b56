from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from oscar.core.loading import get_model
from tqdm import tqdm

from producers.importing import ImportFileError, import_products

Producer = get_model("catalogue", "Producer")


class Command(BaseCommand):
    help = ("Import a producer's products from CSV or XLSX (all rows or none; re-importing "
            "updates by the producer's SKU). Errors are listed by row and column.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--producer", required=True, help="the producer's slug")

    def handle(self, *args, file, producer, **options):
        target = Producer.objects.select_related("partner").filter(slug=producer).first()
        if target is None:
            raise CommandError(f"No producer with slug {producer!r}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        bar = tqdm(unit="row", disable=options["verbosity"] == 0, file=self.stderr)
        try:
            with path.open("rb") as fileobj:
                result = import_products(producer=target, fileobj=fileobj, filename=path.name,
                                         progress=bar.update)
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        if not result.succeeded:
            for error in result.errors:
                self.stderr.write(f"dòng {error.row}, cột {error.column}: {error.message}")
            raise CommandError(f"{len(result.errors)} lỗi; không nhập dòng nào.")
        self.stdout.write(f"{result.created} created, {result.updated} updated ({result.rows} rows).")
