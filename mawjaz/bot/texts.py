"""Every sentence the bots say, in Arabic (the default) and English.

Kept apart from the handlers so wording can be reviewed in one place and a
test can check that both languages have every key.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "welcome": {
        "ar": "أهلاً بك في موجز! سيصلك موجز الأخبار كل يوم الساعة {time} بتوقيت {zone}.\n"
        "لتغيير الوقت: /time 07:30 — المنطقة الزمنية: /tz — كل الأوامر: /help",
        "en": "Welcome to Mawjaz! Your news brief will arrive every day at {time}, {zone} time.\n"
        "Change the time: /time 07:30 — the time zone: /tz — all commands: /help",
    },
    "already": {
        "ar": "أنت مشترك، ويصلك الموجز كل يوم الساعة {time} بتوقيت {zone}.",
        "en": "You are subscribed: the brief arrives every day at {time}, {zone} time.",
    },
    "stopped": {
        "ar": "أوقفتُ الموجز اليومي. أرسل /start متى أردت العودة.",
        "en": "The daily brief is stopped. Send /start whenever you want it back.",
    },
    "stop_confirm": {
        "ar": "هل تريد إيقاف الموجز اليومي؟ إعداداتك تبقى محفوظة، وتعود متى شئت بـ /start.",
        "en": "Stop the daily brief? Your settings are kept; come back any time with /start.",
    },
    "stop_yes": {"ar": "نعم، أوقفه", "en": "Yes, stop it"},
    "stop_keep": {"ar": "لا، أبقِه", "en": "No, keep it"},
    "kept": {
        "ar": "حسناً، يبقى الموجز كما هو: كل يوم الساعة {time} بتوقيت {zone}.",
        "en": "Good, the brief stays: every day at {time}, {zone} time.",
    },
    "follow_usage": {
        "ar": "اكتب الموضوع بعد الأمر، مثل: /follow داعش",
        "en": "Give a topic after the command, e.g. /follow ISIS",
    },
    "unfollow_usage": {
        "ar": "اكتب الموضوع الذي تريد إلغاء متابعته، مثل: /unfollow داعش",
        "en": "Give the topic to stop following, e.g. /unfollow ISIS",
    },
    "not_subscribed": {
        "ar": "لست مشتركاً في الموجز اليومي. أرسل /start للاشتراك.",
        "en": "You are not subscribed to the daily brief. Send /start to subscribe.",
    },
    "schedule": {
        "ar": "سيصلك الموجز كل يوم الساعة {time} بتوقيت {zone}.",
        "en": "The brief will arrive every day at {time}, {zone} time.",
    },
    "saved_inactive": {
        "ar": "حفظتُ ذلك. أرسل /start ليصلك الموجز اليومي.",
        "en": "Saved. Send /start to get the daily brief.",
    },
    "choose_zone": {
        "ar": "اختر منطقتك الزمنية، أو اكتبها، مثل: /tz Asia/Riyadh",
        "en": "Pick your time zone, or type it, e.g. /tz Asia/Riyadh",
    },
    "lang_set": {"ar": "سأكلمك بالعربية.", "en": "I will speak English."},
    "lang_usage": {
        "ar": "اختر اللغة: /lang ar للعربية أو /lang en للإنجليزية.",
        "en": "Pick a language: /lang ar for Arabic or /lang en for English.",
    },
    "followed": {
        "ar": "تابعتَ «{topic}»: ستظهر أخباره أولاً في موجزك.",
        "en": "Following “{topic}”: its news will come first in your brief.",
    },
    "already_followed": {"ar": "أنت تتابع «{topic}» من قبل.", "en": "You already follow “{topic}”."},
    "too_many": {
        "ar": "تتابع {count} موضوعاً، وهذا الحد. ألغِ متابعة أحدها أولاً: /unfollow موضوع",
        "en": "You follow {count} topics, the limit. Unfollow one first: /unfollow TOPIC",
    },
    "unfollowed": {"ar": "ألغيتُ متابعة «{topic}».", "en": "Stopped following “{topic}”."},
    "not_followed": {"ar": "لا تتابع «{topic}».", "en": "You do not follow “{topic}”."},
    "following": {"ar": "المواضيع التي تتابعها:", "en": "Topics you follow:"},
    "following_none": {
        "ar": "لا تتابع أي موضوع. تابع واحداً: /follow داعش",
        "en": "You follow no topic. Follow one: /follow ISIS",
    },
    "admins_only": {
        "ar": "في المجموعات يغيّر إعدادات الموجز المشرفون فقط.",
        "en": "In groups only administrators change the brief's settings.",
    },
    "slow_down": {
        "ar": "مهلاً، أوامر كثيرة في وقت قصير. حاول مرة أخرى بعد {seconds} ثانية.",
        "en": "Easy, that is a lot of commands at once. Please try again in {seconds} s.",
    },
    "feeds_admins_only": {
        "ar": "هذا الأمر لمديري موجز فقط (إدارة المصادر والقنوات).",
        "en": "Only Mawjaz administrators use this command (feeds and channels).",
    },
    "feeds_usage": {
        "ar": "استعمل: /feeds add رابط [15m] — أو /feeds list — أو /feeds remove رابط",
        "en": "Use: /feeds add URL [15m] — or /feeds list — or /feeds remove URL",
    },
    "feed_added": {"ar": "أضيف المصدر {url} (كل {seconds} ثانية).", "en": "Added {url} (every {seconds} s)."},
    "feed_updated": {"ar": "عُدّل المصدر {url} (كل {seconds} ثانية).", "en": "Updated {url} (every {seconds} s)."},
    "feed_found": {"ar": "وهو الخلاصة التي تعلنها الصفحة {url}", "en": "the feed the page {url} declares"},
    "feed_removed": {"ar": "حُذف المصدر {url}.", "en": "Removed {url}."},
    "feed_missing": {"ar": "لا مصدر بهذا الرابط: {url}", "en": "No feed {url}"},
    "feeds_none": {"ar": "لا مصادر بعد. أضف واحداً: /feeds add رابط", "en": "No feeds yet. Add one: /feeds add URL"},
    "feeds_title": {"ar": "المصادر:", "en": "Feeds:"},
    "feed_line": {
        "ar": "• {url} — كل {seconds} ث، آخر جلب ناجح: {last}{errors}",
        "en": "• {url} — every {seconds} s, last fetched: {last}{errors}",
    },
    "feed_errors": {"ar": "، أخطاء: {count} ({error})", "en": ", errors: {count} ({error})"},
    "never": {"ar": "أبداً", "en": "never"},
    "unknown": {
        "ar": "لا أعرف الأمر «{name}». أرسل /help لقائمة الأوامر.",
        "en": "I do not know the command “{name}”. Send /help for the list.",
    },
    # --- breaking alerts (/alerts, /quiet and the alert itself) ---
    "alerts_on": {
        "ar": "ستصلك تنبيهات الأخبار العاجلة: تنبيه واحد لكل قصة، بعدد محدود كل يوم. لساعات الهدوء: /quiet 23:00 07:00",
        "en": "You will get breaking-news alerts: one per story, a few a day at most. Quiet hours: /quiet 23:00 07:00",
    },
    "alerts_follows": {
        "ar": "ستصلك التنبيهات العاجلة عن المواضيع التي تتابعها فقط (/follow).",
        "en": "You will get breaking alerts only about the topics you follow (/follow).",
    },
    "alerts_off": {
        "ar": "أوقفتُ التنبيهات العاجلة، حتى عن المواضيع التي تتابعها. الموجز اليومي باقٍ.",
        "en": "Breaking alerts are off, even for the topics you follow. The daily brief stays.",
    },
    "alerts_usage": {
        "ar": "استعمل: /alerts on لكل خبر عاجل — /alerts off لإيقافها — /alerts follows لمواضيعك فقط. الآن: {mode}",
        "en": "Use: /alerts on for every breaking story — /alerts off to stop them — /alerts follows for your topics only. Now: {mode}",
    },
    "alerts_mode_on": {"ar": "كل الأخبار العاجلة", "en": "every breaking story"},
    "alerts_mode_follows": {"ar": "مواضيعك فقط", "en": "your topics only"},
    "alerts_mode_off": {"ar": "متوقفة", "en": "off"},
    "quiet_set": {
        "ar": "لن تصلك تنبيهات من {start} إلى {end} بتوقيت {zone}.",
        "en": "No alerts from {start} to {end}, {zone} time.",
    },
    "quiet_off": {"ar": "ألغيتُ ساعات الهدوء.", "en": "Quiet hours are off."},
    "quiet_usage": {
        "ar": "استعمل: /quiet 23:00 07:00 لساعات الهدوء — أو /quiet off لإلغائها.",
        "en": "Use: /quiet 23:00 07:00 for quiet hours — or /quiet off to end them.",
    },
    # an English alert gives the (Arabic) headline a line of its own: the label's line stays left to right
    "alert": {"ar": "عاجل: {headline}", "en": "Breaking news:\n{headline}"},
    "alert_development": {"ar": "تطور جديد: {headline}", "en": "New development:\n{headline}"},
    "alert_sources": {"ar": "يتناقله {count}: {names}", "en": "Reported by {count}: {names}"},
    "alert_footer": {"ar": "لإيقاف التنبيهات: /alerts off", "en": "To stop alerts: /alerts off"},
    # --- end of breaking alerts ---
    "help_title": {"ar": "أوامر موجز:", "en": "Mawjaz commands:"},
    "help_footer": {
        "ar": "يمكنك كتابة الأوامر بالعربية أيضاً، مثل: موضوع داعش",
        "en": "Commands also work in Arabic, e.g. موضوع داعش",
    },
    "topic_title": {"ar": "نتائج البحث عن «{query}»", "en": "Results for “{query}”"},
    "no_results": {"ar": "لم أجد أخباراً عن «{query}».", "en": "No news found about “{query}”."},
    "topic_older": {
        "ar": "لا أخبار عن «{query}» في آخر {days} يوماً، لكن هناك {count} قصة أقدم عنه.",
        "en": "No news about “{query}” in the last {days} days, but {count} older stories match.",
    },
    "search_all": {"ar": "ابحث في كل الأخبار", "en": "Search all time"},
    "searched_also": {"ar": "بحثت أيضاً عن: {names}", "en": "Also searched: {names}"},
    "topic_window": {"ar": "آخر {days} يوماً", "en": "last {days} days"},
    "topic_all_time": {"ar": "كل الأخبار", "en": "all time"},
    "digest_title": {"ar": "موجز {date}", "en": "Brief for {date}"},
    "nothing_new": {"ar": "لا جديد منذ موجزك الأخير.", "en": "Nothing new since your last brief."},
    "nothing_today": {"ar": "لا أخبار جديدة في آخر 24 ساعة.", "en": "No news in the last 24 hours."},
    "more": {"ar": "المزيد ◂", "en": "More ▸"},
    "page": {"ar": "(صفحة {page})", "en": "(page {page})"},
    "expired": {
        "ar": "انتهت صلاحية هذه القائمة؛ أعد إرسال الأمر.",
        "en": "This list has expired; send the command again.",
    },
    "error": {
        "ar": "حدث خطأ عندي وسُجّل لإصلاحه. حاول مرة أخرى بعد قليل.",
        "en": "Something went wrong on my side and it was logged. Please try again shortly.",
    },
    "slash_usage": {
        "ar": "استعمل: /mawjaz أمر، مثل: /mawjaz topic داعش — أو /mawjaz help",
        "en": "Use: /mawjaz COMMAND, e.g. /mawjaz topic داعش — or /mawjaz help",
    },
}


def say(key: str, lang: str, **values: object) -> str:
    """The sentence ``key`` in ``lang`` (Arabic when the language is unknown), filled with ``values``."""
    forms = TEXTS[key]
    return forms.get(lang, forms["ar"]).format(**values)


# --- schedules a reader picks and Telegram channels (issue 21) ------------------------------

SCHEDULE_TEXTS: dict[str, dict[str, str]] = {
    "welcome_week": {
        "ar": "أهلاً بك في موجز! سيصلك موجز الأخبار كل {weekday} الساعة {time} بتوقيت {zone}.\n"
        "لتغيير الوقت: /time 07:30 — التكرار: /every day — كل الأوامر: /help",
        "en": "Welcome to Mawjaz! Your news brief will arrive every {weekday} at {time}, {zone} time.\n"
        "Change the time: /time 07:30 — how often: /every day — all commands: /help",
    },
    "already_week": {
        "ar": "أنت مشترك، ويصلك الموجز كل {weekday} الساعة {time} بتوقيت {zone}.",
        "en": "You are subscribed: the brief arrives every {weekday} at {time}, {zone} time.",
    },
    "kept_week": {
        "ar": "حسناً، يبقى الموجز كما هو: كل {weekday} الساعة {time} بتوقيت {zone}.",
        "en": "Good, the brief stays: every {weekday} at {time}, {zone} time.",
    },
    "schedule_week": {
        "ar": "سيصلك الموجز كل {weekday} الساعة {time} بتوقيت {zone}، ويغطي ما جدّ منذ الموجز السابق.",
        "en": "The brief will arrive every {weekday} at {time}, {zone} time, covering what came since the last one.",
    },
    "schedule_times": {
        "ar": "سيصلك الموجز كل يوم الساعة {time} بتوقيت {zone}، وكل موجز يغطي ما جدّ منذ سابقه.",
        "en": "The brief will arrive every day at {time}, {zone} time, each covering what came since the one before.",
    },
    "channel_usage": {
        "ar": "استعمل: /channel add @القناة [07:30] [Asia/Riyadh] [ar|en] — أو /channel list — أو /channel remove @القناة",
        "en": "Use: /channel add @channel [07:30] [Asia/Riyadh] [ar|en] — or /channel list — or /channel remove @channel",
    },
    "channel_added": {
        "ar": "سيُنشر الموجز في القناة {channel} الساعة {time} بتوقيت {zone}.",
        "en": "The brief will be posted to {channel} at {time}, {zone} time.",
    },
    "channel_removed": {"ar": "لن يُنشر الموجز في {channel} بعد الآن.", "en": "No more briefs to {channel}."},
    "channel_missing": {"ar": "لا قناة {channel} في القائمة.", "en": "No channel {channel} in the list."},
    "channels_none": {
        "ar": "لا قنوات بعد. أضف واحدة: /channel add @القناة",
        "en": "No channels yet. Add one: /channel add @channel",
    },
    "channels_title": {"ar": "القنوات:", "en": "Channels:"},
    "channel_line": {
        "ar": "• {channel} — {time} ({zone}، {language}) {state}",
        "en": "• {channel} — {time} ({zone}, {language}) {state}",
    },
    "channel_active": {"ar": "يعمل", "en": "active"},
    "channel_paused": {"ar": "متوقف (أُزيل البوت)", "en": "paused (the bot was removed)"},
    "channel_telegram_only": {
        "ar": "القنوات قنوات تيليغرام: أضفها من محادثة خاصة مع البوت على تيليغرام أو بالأمر mawjaz channels add.",
        "en": "Channels are Telegram channels: add them from a private chat with the bot on Telegram or with "
        "mawjaz channels add.",
    },
}
TEXTS.update(SCHEDULE_TEXTS)
