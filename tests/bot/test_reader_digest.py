"""The daily digest a reader keeps: only what is new since their last one, their topics in a capped section first.

A scripted two-day scenario through the real deliverer, python-telegram-bot and the fake Bot API, on SQLite and
PostgreSQL: day 1's digest, new articles, day 2's digest.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from botkit import deliver, store_articles, telegram_sender
from fakes.telegram_api import visible_text
from sqlmodel import select

from mawjaz.storage import subscribers
from mawjaz.storage.engine import reading, transaction
from mawjaz.storage.models import Delivery
from mawjaz.storage.subscribers import Chat, Defaults

DAY1 = datetime.fromisoformat("2026-11-23T07:30:00+03:00")
DAY2 = DAY1 + timedelta(days=1)

ISIS = (
    "الجيش العراقي يعلن تفكيك خلية لداعش في الأنبار",
    "أعلنت قيادة العمليات المشتركة في العراق تفكيك خلية تابعة لتنظيم داعش في صحراء الأنبار واعتقال خمسة من "
    "عناصرها. وقال المتحدث باسم القيادة إن العملية جاءت بناء على معلومات استخبارية دقيقة.",
)
ISIS_FOLLOW_UP = (
    "القضاء العراقي يحاكم عناصر خلية داعش في الأنبار",
    "بدأ القضاء العراقي محاكمة خمسة من عناصر خلية تابعة لتنظيم داعش اعتقلوا في صحراء الأنبار. وقال "
    "المتحدث باسم قيادة العمليات المشتركة إن العناصر اعترفوا بالتخطيط لهجمات.",
)
BANK = (
    "البنك المركزي يبقي أسعار الفائدة دون تغيير",
    "قرر البنك المركزي الإبقاء على أسعار الفائدة الرئيسية دون تغيير للمرة الثالثة على التوالي. "
    "وأشار البيان إلى أن معدلات التضخم ما زالت أعلى من المستهدف.",
)
FOOTBALL = (
    "منتخب مصر يتأهل إلى نهائيات كأس أفريقيا",
    "تأهل منتخب مصر لكرة القدم إلى نهائيات كأس الأمم الأفريقية بعد فوزه في المباراة الحاسمة. "
    "وسجل المهاجم هدفين في الشوط الثاني أمام جماهير غفيرة في القاهرة.",
)
QUAKE = (
    "زلزال بقوة 5.8 درجات يضرب جنوب تركيا",
    "ضرب زلزال بقوة 5.8 درجات على مقياس ريختر جنوب تركيا فجر اليوم، وشعر به سكان عدة مدن. "
    "وقالت هيئة الكوارث إنه لا توجد أنباء عن إصابات.",
)


ISIS_EVENTS = [
    ISIS,
    (
        "هجوم لداعش على نقطة للجيش السوري قرب دير الزور",
        "شن مسلحو تنظيم داعش هجوما على نقطة عسكرية للجيش السوري في بادية دير الزور فجر الثلاثاء. وقال المرصد السوري "
        "إن ثمانية جنود قتلوا في الهجوم الذي استمر ساعتين.",
    ),
    (
        "الشرطة الألمانية تعتقل لاجئا بتهمة الانتماء لداعش في هامبورغ",
        "اعتقلت الشرطة الألمانية في مدينة هامبورغ شابا يحمل صفة لاجئ بتهمة الانتماء إلى تنظيم داعش والتخطيط لاعتداء. "
        "وقال الادعاء العام إن المتهم تواصل مع عناصر التنظيم عبر تطبيقات مشفرة.",
    ),
    (
        "محكمة فرنسية تقضي بسجن عائدة من صفوف داعش عشر سنوات",
        "قضت محكمة الجنايات في باريس بسجن امرأة فرنسية عادت من سوريا عشر سنوات بعد إدانتها بالانضمام إلى داعش. "
        "وكانت المتهمة قد سلمت نفسها للسلطات التركية قبل ترحيلها.",
    ),
    (
        "الفلبين تعلن مقتل قيادي موال لداعش في جزيرة مينداناو",
        "أعلن الجيش الفلبيني مقتل قيادي في جماعة موالية لتنظيم داعش خلال اشتباكات في جزيرة مينداناو الجنوبية. "
        "وقال متحدث عسكري إن العملية استمرت ثلاثة أيام في منطقة جبلية وعرة.",
    ),
]


def _reader(engine, chat_id: str, follows: tuple[str, ...] = ()) -> None:
    with transaction(engine) as session:
        row = subscribers.ensure(
            session, Chat("telegram", chat_id, None, "private"), Defaults(timezone="Asia/Riyadh", digest_time="07:30")
        )
        subscribers.change(session, row, active=True)
        for topic in follows:
            subscribers.follow(session, row.id, topic, topic)


def _digest(fake, chat: str) -> str:
    """The last message to ``chat`` as a reader sees it (direction isolates around numbers and Latin left out)."""
    return visible_text(fake.texts(chat)[-1]).translate({c: None for c in range(0x2066, 0x206A)})


def test_day_two_shows_only_what_is_new_and_a_story_back_only_with_new_articles(fresh_db, telegram):
    store_articles(fresh_db, DAY1 - timedelta(hours=10), [ISIS, BANK, FOOTBALL])
    _reader(fresh_db, "801")
    day1 = deliver(fresh_db, {"telegram": telegram_sender(telegram)}, DAY1)
    assert day1.report.delivered == 1
    first = _digest(telegram, "801")
    assert all(title in first for title, _ in (ISIS, BANK, FOOTBALL))

    store_articles(fresh_db, DAY2 - timedelta(hours=6), [ISIS_FOLLOW_UP], source="outlet-b")
    store_articles(fresh_db, DAY2 - timedelta(hours=5), [QUAKE], source="outlet-c")
    day2 = deliver(fresh_db, {"telegram": telegram_sender(telegram)}, DAY2)
    assert day2.report.delivered == 1
    second = _digest(telegram, "801")
    assert BANK[0] not in second and FOOTBALL[0] not in second, "an unchanged story is never repeated"
    assert QUAKE[0] in second
    assert "داعش" in second, "a story shown yesterday comes back with its new articles"
    assert "تحديث" in second, "and marked as an update"

    with reading(fresh_db) as session:  # the ledger remembers what each digest showed (restarts, other workers)
        shown = [d.shown for d in session.exec(select(Delivery).order_by(Delivery.due_at))]
    assert [len(s) for s in shown] == [3, 2]
    again = deliver(fresh_db, {"telegram": telegram_sender(telegram)}, DAY2 + timedelta(days=1))
    assert again.report.delivered == 1
    assert "لا جديد" in _digest(telegram, "801"), "nothing new: the reader is told so, nothing is repeated"


def test_followed_topics_take_a_capped_section_and_the_days_top_stories_follow(fresh_db, telegram):
    store_articles(fresh_db, DAY1 - timedelta(hours=10), ISIS_EVENTS, source="outlet-a")
    store_articles(fresh_db, DAY1 - timedelta(hours=9), [BANK, FOOTBALL, QUAKE], source="outlet-b")
    _reader(fresh_db, "802", follows=("داعش",))
    result = deliver(fresh_db, {"telegram": telegram_sender(telegram)}, DAY1)
    assert result.report.delivered == 1
    lines = [line.strip("\u200f ") for line in _digest(telegram, "802").split("\n")]
    yours, top = lines.index("مواضيعك"), lines.index("أهم الأخبار")
    headlines = [line for line in lines if line[:1].isdigit()]
    followed = [line for line in lines[yours:top] if line[:1].isdigit()]
    assert len(followed) == 3 and all("داعش" in line for line in followed), "at most three followed stories"
    assert all(any(title in line for line in headlines[3:]) for title, _ in (BANK, FOOTBALL, QUAKE)), (
        "then the day's top stories"
    )
