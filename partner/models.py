from oscar.apps.partner.models import *  # noqa: F401,F403  forked only for the Strategy
