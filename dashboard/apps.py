import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Oscar's dashboard, forked only so its catalogue forms ask for the OCOP producer."""

    name = "dashboard"
