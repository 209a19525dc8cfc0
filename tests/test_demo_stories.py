"""`mawjaz demo` groups its samples as mawjaz/samples/README.md expects, whatever the date it runs on."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

import pytest

from mawjaz.cli.app import DEMO_SHAPES
from mawjaz.config import Settings
from mawjaz.pipeline import ingest
from mawjaz.storage import articles as article_repo
from mawjaz.storage import migrate
from mawjaz.storage import stories as repo
from mawjaz.storage.engine import make_engine, reading

SAMPLES = Path(str(files("mawjaz") / "samples"))


@pytest.mark.parametrize(
    "today",
    [datetime(2026, 11, 22, 9, tzinfo=UTC), datetime(2031, 6, 1, tzinfo=UTC), datetime(2019, 1, 1, tzinfo=UTC)],
    ids=["the samples' own day", "years later", "years before"],
)
def test_the_demo_makes_the_twelve_stories_its_samples_readme_expects_on_any_date(tmp_path, monkeypatch, today):
    monkeypatch.setattr(article_repo, "utcnow", lambda: today)  # when an article is first seen
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    migrate.upgrade(engine)
    report = ingest(engine, [str(SAMPLES / shape) for shape in DEMO_SHAPES], Settings(), actors=False)
    assert (report.read, report.failed) == (24, 0)
    with reading(engine) as session:
        stories = repo.recent(session, None, None)
        sizes = sorted(story.article_count for story in stories)
    engine.dispose()
    assert len(stories) == 12, sizes


def test_every_outlet_of_the_demo_has_the_name_its_samples_readme_gives_it(tmp_path):
    from mawjaz.digest.build import story_views
    from mawjaz.text.outlets import use_user_outlets

    use_user_outlets([SAMPLES / "outlets.toml"])  # as `mawjaz demo` does
    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    migrate.upgrade(engine)
    ingest(engine, [str(SAMPLES / shape) for shape in DEMO_SHAPES], Settings(), actors=False)
    with reading(engine) as session:
        views = story_views(session, repo.recent(session, None, None))
    engine.dispose()
    names = {name for view in views for name in view.source_names}
    assert names == {
        "صحيفة الشرق اليوم",
        "صحيفة الرافدين",
        "أخبار الشام",
        "قناة الخليج الإخبارية",
        "الاقتصاد اليوم",
        "بوابة النيل",
        "شبكة المستقبل الإخبارية",
        "عالم التقنية",
        "وكالة الأنباء العربية",
        "صحيفة الملاعب",
    }
    assert all(copy.source_name for view in views for article in view.articles for copy in article.copies)
