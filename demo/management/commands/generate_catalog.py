from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.seeding import generate_catalog


class Command(BaseCommand):
    help = "Generate realistic OCOP products in bulk for scale tests (adds up to N per seed)."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, products, seed, **options):
        if products < 1:
            raise CommandError("--products must be at least 1")
        with tqdm(total=products, unit="product", disable=options["verbosity"] < 1) as bar:
            made = generate_catalog(products=products, seed=seed, progress=bar.update)
        self.stdout.write(self.style.SUCCESS(f"{made} products generated (seed {seed})."))
        if made:
            # Bulk inserts send no signals, so the search documents are rebuilt in one go.
            call_command("search_index", "--rebuild", verbosity=options["verbosity"],
                         stdout=self.stdout, stderr=self.stderr)
