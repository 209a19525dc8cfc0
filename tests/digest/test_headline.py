"""Headlines: cleaning feed titles, and choosing the one that speaks for a story."""

from __future__ import annotations

import pytest

from mawjaz.digest.headline import clean_headline, pick_headline
from mawjaz.ingest.clean import clean_title

CLEAN = [
    ("hashtag_becomes_words", "#أسعار_النفط ترتفع", "أسعار النفط ترتفع"),
    ("label_hashtag_goes", "#عاجل #أسعار_النفط تهبط", "أسعار النفط تهبط"),
    ("video_prefix", "فيديو: انهيار مبنى في القاهرة", "انهيار مبنى في القاهرة"),
    ("urgent_prefix", "عاجل: زلزال يضرب تركيا", "زلزال يضرب تركيا"),
    ("photos_prefix", "بالصور: أمطار غزيرة في جدة", "أمطار غزيرة في جدة"),
    ("video_prefix_with_dots", "بالفيديو.. لحظة انهيار مبنى", "لحظة انهيار مبنى"),
    ("watch_prefix", "شاهد: ترامب يرقص في تجمع انتخابي", "ترامب يرقص في تجمع انتخابي"),
    ("bracketed_label", "«فيديو» سقوط طائرة في الهند", "سقوط طائرة في الهند"),
    ("label_at_the_end", "انفجار في بيروت (فيديو)", "انفجار في بيروت"),
    ("label_after_dots_at_the_end", "لحظة سقوط الطائرة.. بالفيديو", "لحظة سقوط الطائرة"),
    ("sky_news_tag", "مقتل 5 في غارة على غزة | سكاي نيوز عربية", "مقتل 5 في غارة على غزة"),
    ("bbc_tag", "ترامب يلتقي كيم في سنغافورة - BBC News عربي", "ترامب يلتقي كيم في سنغافورة"),
    ("cnn_tag", "ترامب يلتقي كيم - CNN Arabic", "ترامب يلتقي كيم"),
    ("stacked_labels_and_tag", "عاجل | فيديو: حريق في دبي | سكاي نيوز عربية", "حريق في دبي"),
    ("whitespace_collapsed", "  زلزال \n يضرب\t تركيا  ", "زلزال يضرب تركيا"),
    ("emoji_marker_and_label", "🔴 عاجل: زلزال يضرب تركيا", "زلزال يضرب تركيا"),
    ("label_then_pipe", "🚨🚨 عاجل | انفجار في بيروت", "انفجار في بيروت"),
    ("leading_outlet_tag", "سكاي نيوز عربية | انفجار في بيروت", "انفجار في بيروت"),
    ("section_after_a_pipe", "انفجار في بيروت | أخبار العالم", "انفجار في بيروت"),
    ("bidi_controls_go", "\u200fزلزال يضرب تركيا\u200e", "زلزال يضرب تركيا"),
    ("emoji_inside_stays", "زلزال يضرب تركيا 😢", "زلزال يضرب تركيا 😢"),
    # Words that only look like labels stay.
    ("news_after_a_pipe_stays", "انفجار في بيروت | مقتل 5 وإصابة العشرات", "انفجار في بيروت | مقتل 5 وإصابة العشرات"),
    ("a_photo_in_the_news_stays", "ناسا تنشر أول صورة", "ناسا تنشر أول صورة"),
    ("a_dash_between_names_stays", "الأسد - بوتين: لقاء في موسكو", "الأسد - بوتين: لقاء في موسكو"),
    ("a_colon_quote_stays", "بيان منسوب لبشار الأسد: غادرت بطلب روسي", "بيان منسوب لبشار الأسد: غادرت بطلب روسي"),
    ("a_product_name_stays", "هواوي تطلق هاتف Mate 60 - تقنية", "هواوي تطلق هاتف Mate 60 - تقنية"),
    ("a_title_that_is_only_a_label_is_kept", "فيديو", "فيديو"),
    ("display_text_is_not_normalised", "إنّ الأسعارَ ترتفع", "إنّ الأسعارَ ترتفع"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("title", "expected"), [c[1:] for c in CLEAN], ids=[c[0] for c in CLEAN])
def test_clean_headline_table(title, expected):
    assert clean_headline(title) == expected


STORED = [
    ("html_and_entities", "<b>ترامب</b> يلتقي&nbsp;كيم &amp; مون", "ترامب يلتقي كيم & مون"),
    ("script_content_goes", "<script>alert(1)</script>زلزال يضرب تركيا", "زلزال يضرب تركيا"),
    ("a_literal_entity_is_decoded_once", "&amp;lt;b&amp;gt; رمز في HTML", "&lt;b&gt; رمز في HTML"),
    ("an_escaped_tag_is_text", "&lt;script&gt; ثغرة في المتصفح", "<script> ثغرة في المتصفح"),
]


@pytest.mark.parametrize(("raw", "expected"), [c[1:] for c in STORED], ids=[c[0] for c in STORED])
def test_a_title_cleaned_at_ingest_keeps_its_text_in_the_headline(raw, expected):
    """HTML leaves a title once, at ingest (lxml): the headline neither strips nor decodes it again."""
    assert clean_headline(clean_title(raw)) == expected


def test_a_very_long_title_is_cleaned_whole():
    title = "زلزال " * 200 + "| سكاي نيوز عربية"
    assert clean_headline(title) == ("زلزال " * 200).strip()


def test_one_title_is_its_own_headline_cleaned():
    assert pick_headline(["عاجل: زلزال يضرب تركيا | سكاي نيوز عربية"]) == "زلزال يضرب تركيا"


def test_no_titles_give_an_empty_headline():
    assert pick_headline([]) == ""
    assert pick_headline(["", "🔴 | …", clean_title("<br>")]) == ""


def test_the_title_sharing_most_words_with_the_others_wins():
    titles = [
        "رأي: هل يصمد الاقتصاد التركي أمام الزلازل؟",
        "مقتل العشرات في زلزال يضرب جنوب تركيا",
        "زلزال قوي يضرب جنوب تركيا ويوقع قتلى",
        "زلزال يضرب جنوب تركيا",
    ]
    assert pick_headline(titles) == "زلزال يضرب جنوب تركيا"


def test_spelling_variants_count_as_the_same_word():
    titles = ["امريكا تفرض عقوبات على ايران", "أمريكا تفرض عقوبات على إيران", "عقوبات جديدة"]
    assert pick_headline(titles) in titles[:2]


def test_a_tie_goes_to_the_title_that_needed_no_cleaning():
    titles = ["فيديو: زلزال يضرب تركيا", "زلزال يضرب تركيا"]
    assert pick_headline(titles) == "زلزال يضرب تركيا"
    assert pick_headline(list(reversed(titles))) == "زلزال يضرب تركيا"


def test_a_tie_between_clean_titles_goes_to_the_shorter():
    titles = ["زلزال يضرب تركيا اليوم", "زلزال يضرب تركيا"]
    assert pick_headline(titles) == "زلزال يضرب تركيا"


def test_duplicate_titles_outvote_an_odd_one():
    titles = ["الأسد يغادر دمشق", "الأسد يغادر دمشق", "غضب في الشارع"]
    assert pick_headline(titles) == "الأسد يغادر دمشق"
