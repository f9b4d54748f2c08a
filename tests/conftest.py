from tests.site_fixtures import browser, demo_build, site_url

__all__ = ["browser", "demo_build", "site_url"]
